import { describe, expect, it } from 'vitest';
import { BureauError } from '../../../main/services/bureau/errors';
import { Reachability, reachedBy } from '../../../main/services/bureau/reachability';
import { EventHub } from '../../../main/services/events';

describe('bureau reachability', () => {
  it('an answer (even a refusal) means reached; no answer, 5xx or junk means not; nothing asked says nothing', () => {
    expect(reachedBy(new BureauError('not-found', 'x', { status: 404 }))).toBe(true);
    expect(reachedBy(new BureauError('auth-expired', 'x', { status: 401 }))).toBe(true);
    for (const kind of ['network', 'timeout', 'server', 'malformed'] as const) expect(reachedBy(new BureauError(kind, 'x'))).toBe(false);
    expect(reachedBy(new BureauError('auth-expired', 'x', { noToken: true }))).toBeUndefined();
    expect(reachedBy(new BureauError('cancelled', 'x'))).toBeUndefined();
    expect(reachedBy(new BureauError('address', 'x'))).toBeUndefined();
    expect(reachedBy(new Error('x'))).toBeUndefined();
  });

  it('pushes bureau:status on a change only', () => {
    const events = new EventHub();
    const pushed: unknown[] = [];
    events.on((name, payload) => {
      if (name === 'bureau:status') pushed.push(payload);
    });
    const r = new Reachability(events, () => new Date('2026-11-28T04:00:00Z'));
    r.report(true);
    r.report(true);
    r.reportFailure(new BureauError('network', '无法连接 / Cannot reach'));
    expect(pushed).toEqual([
      { state: 'reachable', message: '', at: '2026-11-28T04:00:00.000Z' },
      { state: 'unreachable', message: '无法连接 / Cannot reach', at: '2026-11-28T04:00:00.000Z' },
    ]);
    r.reportFailure(new BureauError('cancelled', 'x')); // says nothing
    expect(r.status().state).toBe('unreachable');
  });
});
