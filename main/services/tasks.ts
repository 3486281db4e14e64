import { randomUUID } from 'node:crypto';
import type { EventHub } from './events';

export interface Task {
  readonly id: string;
  readonly signal: AbortSignal;
  /** reports progress (throttled to whole percents and state changes) */
  progress(done: number): void;
  finish(state: 'done' | 'failed'): void;
  /** throws a cancellation error when the user cancelled */
  throwIfCancelled(): void;
}

export class TaskCancelled extends Error {
  constructor() {
    super('操作已取消，未作任何更改 / Cancelled; nothing was changed');
    this.name = 'TaskCancelled';
  }
}

/** Long work (imports, exports, backups) with progress events and cancellation. */
export class Tasks {
  private readonly running = new Map<string, AbortController>();
  constructor(private readonly events: EventHub) {}

  start(label: string, total: number): Task {
    const id = randomUUID();
    const controller = new AbortController();
    this.running.set(id, controller);
    let lastPercent = -1;
    const emit = (done: number, state: 'running' | 'done' | 'cancelled' | 'failed') =>
      this.events.emit('task:progress', { task: id, label, done, total, state });
    emit(0, 'running');
    return {
      id,
      signal: controller.signal,
      progress: (done) => {
        const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
        if (percent !== lastPercent) {
          lastPercent = percent;
          emit(done, 'running');
        }
      },
      finish: (state) => {
        this.running.delete(id);
        emit(state === 'done' ? total : 0, controller.signal.aborted ? 'cancelled' : state);
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new TaskCancelled();
      },
    };
  }

  cancel(id: string): boolean {
    const c = this.running.get(id);
    if (!c) return false;
    c.abort();
    return true;
  }
}
