import type { Handlers } from '../dispatcher';
import type { CoreGetter } from '../index';
import type { DocumentKind } from '../../../shared/documents/types';
import { normalizeNumber, prefillFrom } from '../../../shared/documents';
import { checkDateRange } from '../../../shared/validation';
import { ServiceError } from '../../../shared/bridge/envelope';
import { BUREAU_TASKS } from '../../../shared/bridge/contract';
import { isBureauError, reachabilityOf, tracked } from '../bureau';

type RecordChannels = 'records:list' | 'records:get' | 'records:save' | 'records:submit' | 'records:check' | 'records:prefill' | 'records:prefillFrom' | 'records:delete' | 'bureau:probe';

const OFFLINE_LOOKUP =
  '本次为离线登录，无法向主管部门查询该号码；请联网登录后再查，或手工填写 / Signed in offline: the bureau cannot be asked about this number; sign in online and try again, or fill the form by hand';

export function recordHandlers(get: CoreGetter): Pick<Handlers, RecordChannels> {
  const changed = <T extends { id: string; kind: DocumentKind }>(r: T): T => {
    get().events.emit('records:changed', { id: r.id, kind: r.kind });
    return r;
  };

  /**
   * Number pages: the local store first, then the bureau. A lookup that cannot reach the bureau
   * says so (unreachable) instead of "no approved record"; it runs as a cancellable task.
   */
  const prefill = async (kind: DocumentKind, number: string) => {
    const { records, session, bureau, log, events, tasks } = get();
    const local = records.prefillByNumber(kind, number);
    const client = bureau();
    if (local.source === 'local' || !client) return local;
    if (!session.token()) return { ...local, source: 'unreachable' as const, message: OFFLINE_LOOKUP };
    const task = tasks.start(BUREAU_TASKS.lookup, 1);
    try {
      const cert = await tracked(client, reachabilityOf(events), task.signal).certificate(normalizeNumber(number));
      const values = prefillFrom(kind, cert.documentKind, cert.holder, { number: cert.number, ...(cert.expiry ? { expiry: cert.expiry } : {}) });
      task.finish('done');
      return { values: { ...values, ...local.values }, source: 'bureau' as const };
    } catch (e) {
      task.finish('failed');
      log(`certificate lookup: ${e instanceof Error ? e.message : String(e)}`);
      if (isBureauError(e) && e.kind === 'not-found') return local;
      if (isBureauError(e) && e.kind === 'cancelled') return { ...local, source: 'cancelled' as const, message: e.message };
      return { ...local, source: 'unreachable' as const, message: e instanceof Error ? e.message : String(e) };
    }
  };

  return {
    'records:list': ({ kind, filter, page, pageSize }) => {
      const reversed = checkDateRange(filter.from, filter.to);
      if (reversed) throw new ServiceError('INVALID_INPUT', reversed.message, { from: reversed.message });
      return get().records.list(kind, filter, page, pageSize);
    },
    'records:get': ({ id }) => get().records.get(id),
    'records:save': (req) => changed(get().records.save(req)),
    'records:submit': ({ id, person, personId }) =>
      changed(get().records.submit(id, person ? { person, ...(personId ? { personId } : {}) } : undefined)),
    'records:check': ({ kind, values }) => ({ problems: get().records.problems(kind, values) }),
    'records:prefill': ({ kind, number }) => prefill(kind, number),
    'records:prefillFrom': ({ kind, sourceId }) => ({ values: get().records.prefillFromSource(kind, sourceId) }),
    // the header's 在线 / 办事大厅无法访问 (bureau/reachability.ts); here because it needs the signed-in enterprise's address
    'bureau:probe': () => {
      const { bureau, events } = get();
      return reachabilityOf(events).probe(bureau());
    },
    'records:delete': ({ ids }) => {
      const result = get().records.deleteDrafts(ids);
      for (const d of result.deleted) get().events.emit('records:changed', { id: d.id, kind: d.kind });
      return result;
    },
  };
}
