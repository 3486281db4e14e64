/**
 * Starts the sandbox bureau in a child process (child.ts) and drives it:
 *
 *   const bureau = await spawnSandbox({ clock: new Date(...) });
 *   bureau.url                                    // http://127.0.0.1:PORT
 *   await bureau.request({ op: 'approvePending' });
 *   await bureau.close();
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxRequest } from './child';

export interface SandboxProcess {
  readonly url: string;
  readonly pid: number;
  request<T = unknown>(request: SandboxRequest): Promise<T>;
  close(): Promise<void>;
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.ts');

export async function spawnSandbox(options: { clock?: Date } = {}): Promise<SandboxProcess> {
  const child: ChildProcess = fork(CHILD, options.clock ? [options.clock.toISOString()] : [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the sandbox process exited (${code})`));
    waiting.clear();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sandbox process exited before listening (${code})`)));
    child.on('message', (m: { ready?: string; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.ready) return resolve(m.ready);
      const w = m.id === undefined ? undefined : waiting.get(m.id);
      if (!w || m.id === undefined) return;
      waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(`sandbox process: ${m.error ?? 'failed'}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    request<T>(request: SandboxRequest): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: (v) => resolve(v as T), reject });
        child.send({ id, ...request });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      try {
        await new Promise<void>((resolve) => {
          const id = nextId++;
          waiting.set(id, { resolve: () => resolve(), reject: () => resolve() });
          child.send({ id, op: 'close' });
        });
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
