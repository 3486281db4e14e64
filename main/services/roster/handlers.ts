import type { Handlers } from '../dispatcher';
import type { Core, CoreGetter } from '../index';
import type { rosterChannels } from '../../../shared/bridge/channels/roster';
import { RosterService, peopleOf } from './rosterService';
import { deadlineBadge, eventFilingsDue, getThresholds, listDeadlines, saveThresholds } from './deadlines';
import { bureauPermitsOf } from './bureauPermits';

/** The roster service over the current core (a restore swaps the store: it is rebuilt then). */
const services = new WeakMap<Core, RosterService>();
export function rosterOf(core: Core): RosterService {
  let s = services.get(core);
  if (!s) {
    s = new RosterService({
      people: peopleOf(core),
      records: core.records,
      meta: core.meta,
      now: core.now,
      today: () => core.today(),
      context: () => ({ today: core.today(), minimumWage: core.settings.get().minimumWage }),
      bureau: () => bureauPermitsOf(core).withExpiry(),
    });
    services.set(core, s);
  }
  return s;
}

/** The people roster and deadlines (shared/bridge/channels/roster.ts). */
export function rosterHandlers(get: CoreGetter): Pick<Handlers, keyof typeof rosterChannels> {
  const roster = () => rosterOf(get());
  return {
    'people:list': ({ query, type, page, pageSize }) => roster().list(query, type, page, pageSize),
    'people:get': ({ id }) => roster().get(id),
    'people:ofRecord': ({ recordId }) => roster().ofRecord(recordId),
    'people:save': ({ id, type, values, person, personId }) =>
      roster().save({ ...(id ? { id } : {}), type, values, ...(person ? { person } : {}), ...(personId ? { personId } : {}) }),
    'people:startApplication': ({ personId, kind }) => roster().startApplication(personId, kind),
    'people:attach': ({ recordId, personId }) => roster().attach(recordId, personId),
    'deadlines:list': () =>
      listDeadlines(peopleOf(get()), get().meta, get().today(), bureauPermitsOf(get()).withExpiry(), eventFilingsDue(get().db, get().today())),
    'deadlines:badge': () =>
      deadlineBadge(peopleOf(get()), get().meta, get().today(), bureauPermitsOf(get()).withExpiry(), eventFilingsDue(get().db, get().today())),
    'deadlines:settings:get': () => ({ thresholds: getThresholds(get().meta) }),
    'deadlines:settings:save': ({ thresholds }) => ({ thresholds: saveThresholds(get().meta, thresholds) }),
  };
}

export { startReminders } from './reminders';
