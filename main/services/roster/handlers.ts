import type { Handlers } from '../dispatcher';
import type { CoreGetter } from '../index';
import type { rosterChannels } from '../../../shared/bridge/channels/roster';

/** The people roster and deadlines (shared/bridge/channels/roster.ts). */
export function rosterHandlers(_get: CoreGetter): Pick<Handlers, keyof typeof rosterChannels> {
  return {};
}
