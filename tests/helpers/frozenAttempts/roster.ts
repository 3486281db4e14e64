/**
 * Payloads aimed at a submitted record for every channel of shared/bridge/channels/roster.ts: the
 * lifecycle test sends each one and checks that the stored record did not change.
 *
 * The record is the fixtures' license of JOHN MICHAEL SMITH (passport 533281947); submitting it
 * put SMITH into the roster. The payloads try to re-link the record, start applications from it,
 * and overwrite SMITH through a second person with the same passport (refused as a duplicate).
 */
import { LICENSE_VALUES } from '../../fixtures/documents';

const SMITH = Object.fromEntries(Object.entries(LICENSE_VALUES).filter(([k]) => k.startsWith('person.')));

export function rosterAttempts(recordId: string): Record<string, unknown> {
  return {
    'people:list': { query: 'JOHN', page: 1, pageSize: 10 },
    'people:get': { id: recordId },
    'people:ofRecord': { recordId },
    'people:save': { type: 'foreign', values: { ...SMITH, 'person.nameEn': 'SOMEONE ELSE', 'person.health': '不详' } },
    'people:startApplication': { personId: recordId, kind: 'registration-licensed' },
    'people:attach': { recordId, personId: recordId },
    'deadlines:list': {},
    'deadlines:badge': {},
    'deadlines:settings:get': {},
    'deadlines:settings:save': { thresholds: [7, 14] },
  };
}
