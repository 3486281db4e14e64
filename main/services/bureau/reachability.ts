/**
 * Whether the bureau can be reached, from what its last request found (sync, lookups) and from
 * a light probe (GET /v1/health): the header's 在线 / 办事大厅无法访问. Not the computer's network
 * flag: the network may be up while the bureau is down. The renderer shows 离线 itself when the
 * computer has no network at all.
 *
 * One tracker per event hub (the app's), so every service reporting through it shares it
 * without being wired to it; a change is pushed as `bureau:status`.
 */
import type { EventOf } from '../../../shared/bridge/contract';
import type { EventHub } from '../events';
import type { BureauClient } from './client';
import { isBureauError } from './errors';

export type BureauStatus = EventOf<'bureau:status'>;

export const NO_BUREAU_ADDRESS = '未设置主管部门预审系统地址 / No bureau address is set';

export class Reachability {
  private current: BureauStatus = { state: 'unknown', message: '', at: null };

  constructor(
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): BureauStatus {
    return { ...this.current };
  }

  /** What a request found: the bureau answered (true), did not (false); null: it says nothing (no address, cancelled…). */
  report(reached: boolean | null, message = ''): void {
    const state = reached === null ? 'unknown' : reached ? 'reachable' : 'unreachable';
    const changed = state !== this.current.state || message !== this.current.message;
    this.current = { state, message: reached ? '' : message, at: this.now().toISOString() };
    if (changed) this.events.emit('bureau:status', this.status());
  }

  /** Reports what a failure of a bureau request says about reaching it. */
  reportFailure(e: unknown): void {
    const verdict = reachedBy(e);
    if (verdict !== undefined) this.report(verdict, verdict ? '' : e instanceof Error ? e.message : String(e));
  }

  /** The light probe: GET /v1/health (no token). */
  async probe(client: BureauClient | null, signal?: AbortSignal): Promise<BureauStatus> {
    if (!client) {
      this.report(null, NO_BUREAU_ADDRESS);
      return this.status();
    }
    try {
      await client.health(signal);
      this.report(true);
    } catch (e) {
      this.reportFailure(e);
    }
    return this.status();
  }
}

/**
 * true: the bureau answered (a refusal is an answer); false: it could not be reached or answered
 * nothing usable (network, timeout, 5xx, unreadable); undefined: nothing was asked (no address,
 * no token, cancelled) or it is not a bureau error at all.
 */
export function reachedBy(e: unknown): boolean | undefined {
  if (!isBureauError(e)) return undefined;
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'server' || e.kind === 'malformed') return false;
  if (e.kind === 'address' || e.kind === 'cancelled' || e.noToken) return undefined;
  return e.status !== undefined ? true : undefined;
}

const trackers = new WeakMap<EventHub, Reachability>();

/** The tracker of this event hub (created on first use). */
export function reachabilityOf(events: EventHub, now?: () => Date): Reachability {
  let tracker = trackers.get(events);
  if (!tracker) {
    tracker = new Reachability(events, now);
    trackers.set(events, tracker);
  }
  return tracker;
}

/**
 * The client with every request reported to `tracker`, and aborted by `signal` when given
 * (the cancellable task of a lookup or a sync).
 */
export function tracked(client: BureauClient, tracker: Reachability, signal?: AbortSignal): BureauClient {
  const watch = async <T>(request: Promise<T>): Promise<T> => {
    try {
      const answer = await request;
      tracker.report(true);
      return answer;
    } catch (e) {
      tracker.reportFailure(e);
      throw e;
    }
  };
  return {
    origin: client.origin,
    login: (email, password) => watch(client.login(email, password)),
    submit: (revision, s) => watch(client.submit(revision, s ?? signal)),
    reviewResults: (after, limit, s) => watch(client.reviewResults(after, limit, s ?? signal)),
    permits: (after, limit, s) => watch(client.permits(after, limit, s ?? signal)),
    certificate: (number, s) => watch(client.certificate(number, s ?? signal)),
    health: (s) => watch(client.health(s ?? signal)),
  };
}
