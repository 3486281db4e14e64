import type { Handlers } from '../dispatcher';
import type { CoreGetter } from '../index';
import type { DocumentKind } from '../../../shared/documents/types';
import { normalizeNumber, prefillFrom } from '../../../shared/documents';
import { checkDateRange } from '../../../shared/validation';
import { ServiceError } from '../../../shared/bridge/envelope';

type RecordChannels = 'records:list' | 'records:get' | 'records:save' | 'records:submit' | 'records:check' | 'records:prefill' | 'records:prefillFrom';

export function recordHandlers(get: CoreGetter): Pick<Handlers, RecordChannels> {
  const changed = <T extends { id: string; kind: DocumentKind }>(r: T): T => {
    get().events.emit('records:changed', { id: r.id, kind: r.kind });
    return r;
  };

  /** Number pages: the local store first, then the bureau when online. */
  const prefill = async (kind: DocumentKind, number: string) => {
    const { records, session, bureau, log } = get();
    const local = records.prefillByNumber(kind, number);
    const client = bureau();
    if (local.source === 'local' || !client || !session.token()) return local;
    try {
      const cert = await client.certificate(normalizeNumber(number));
      const values = prefillFrom(kind, cert.documentKind, cert.holder, { number: cert.number, ...(cert.expiry ? { expiry: cert.expiry } : {}) });
      return { values: { ...values, ...local.values }, source: 'bureau' as const };
    } catch (e) {
      log(`certificate lookup: ${e instanceof Error ? e.message : String(e)}`);
      return local;
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
  };
}
