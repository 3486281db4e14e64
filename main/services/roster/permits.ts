/**
 * Permits (就业证) as they stand in the local store: an approved registration (licensed or
 * exempt) or hmt-permit issues a number with an expiry; an approved extension of that number
 * moves the expiry. The latest approval of a number wins.
 */
import type { PermitInfo } from '../../../shared/bridge/channels/roster';
import type { DocumentKind } from '../../../shared/documents/types';
import { deadlineLevel, EXTENSION_KIND, personTypeOf } from '../../../shared/roster/person';
import { diffDays, isIsoDate } from '../../../shared/validation/dates';
import type { DocumentRow, PeopleStore } from './peopleStore';

export const PERMIT_KINDS: readonly DocumentKind[] = ['registration-licensed', 'registration-exempt', 'hmt-permit'];
export const EXTENSION_KINDS: readonly DocumentKind[] = ['extension', 'hmt-extension'];

/** later approval first: reviewed, then submitted, then created */
const laterFirst = (a: DocumentRow, b: DocumentRow) =>
  (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? '') ||
  (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '') ||
  b.createdAt.localeCompare(a.createdAt);

/** Every permit number known locally, with its current expiry and level on `today`. */
export function allPermits(people: PeopleStore, today: string, thresholds: readonly number[]): PermitInfo[] {
  const byNumber = new Map<string, DocumentRow[]>();
  for (const r of people.approvedWithCertificate([...PERMIT_KINDS, ...EXTENSION_KINDS])) {
    if (!r.certificateNo || !r.certificateExpiry || !isIsoDate(r.certificateExpiry)) continue;
    const list = byNumber.get(r.certificateNo) ?? [];
    list.push(r);
    byNumber.set(r.certificateNo, list);
  }
  const open = people.openExtensions();
  const out: PermitInfo[] = [];
  for (const [number, rows] of byNumber) {
    rows.sort(laterFirst);
    const latest = rows[0];
    if (!latest?.certificateExpiry) continue;
    const type = personTypeOf(latest.kind);
    const daysLeft = diffDays(today, latest.certificateExpiry);
    // an extension written after the latest approval and not approved yet
    const since = EXTENSION_KINDS.includes(latest.kind) ? (latest.reviewedAt ?? '') : '';
    const pending = open.find((e) => e.basedOnNumber === number && e.createdAt > since && e.status !== 'approved');
    out.push({
      number,
      kind: latest.kind,
      extensionKind: EXTENSION_KIND[type],
      expiry: latest.certificateExpiry,
      daysLeft,
      level: deadlineLevel(daysLeft, thresholds),
      recordId: latest.id,
      personId: latest.personId ?? rows.find((r) => r.personId)?.personId ?? null,
      name: latest.personName || rows.find((r) => r.personName)?.personName || '',
      pendingExtension: pending ? { id: pending.id, status: pending.status } : null,
    });
  }
  return out;
}

/** The permit of a person expiring last (possibly expired), or null. */
export function currentPermitOf(permits: readonly PermitInfo[], personId: string): PermitInfo | null {
  let best: PermitInfo | null = null;
  for (const p of permits) {
    if (p.personId !== personId) continue;
    if (!best || p.expiry > best.expiry) best = p;
  }
  return best;
}

/**
 * The permits 到期提醒 lists: those within the thresholds and the expired ones, except an expired
 * permit whose holder has a permit expiring later (it was replaced). Most urgent first.
 */
export function permitsToRemind(permits: readonly PermitInfo[]): PermitInfo[] {
  const latestExpiry = new Map<string, string>();
  for (const p of permits) {
    if (!p.personId) continue;
    const e = latestExpiry.get(p.personId);
    if (!e || p.expiry > e) latestExpiry.set(p.personId, p.expiry);
  }
  return permits
    .filter((p) => p.level !== null)
    .filter((p) => p.level !== 'expired' || !p.personId || latestExpiry.get(p.personId) === p.expiry)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.number.localeCompare(b.number));
}
