import type { Handlers } from '../dispatcher';
import type { CoreGetter } from '../index';
import type { dataChannels } from '../../../shared/bridge/channels/data';

/** Excel import/export and backup/restore (shared/bridge/channels/data.ts). */
export function dataHandlers(_get: CoreGetter): Pick<Handlers, keyof typeof dataChannels> {
  return {};
}
