/**
 * Permits (就业证) as they stand in the local store: an approved registration (licensed or
 * exempt) or hmt-permit issues a number with an expiry; an approved extension of that number
 * moves the expiry. The latest approval of a number wins.
 *
 * The bureau's own list (bureauPermits.ts) adds the permits the desk never filed, and moves the
 * expiry of a known number when the bureau's is later (an extension filed elsewhere). A revoked
 * permit is dropped, whatever the desk knows of it.
 */
import type { PermitInfo } from '../../../shared/bridge/channels/roster';
import { extensionKindFor, PERMIT_ISSUING_KINDS, RENEWAL_KINDS } from '../../../shared/documents/prefill';
import { DOCUMENT_KINDS } from '../../../shared/documents/types';
import { documentDef } from '../../../shared/documents/registry';
import { WORK_PERMIT_NO } from '../../../shared/documents/numbers';
import type { DocumentKind } from '../../../shared/documents/types';
import { deadlineLevel, EXTENSION_KIND, personTypeOf } from '../../../shared/roster/person';
import { diffDays, isIsoDate } from '../../../shared/validation/dates';
import type { BureauPermitRow } from './bureauPermits';
import type { DocumentRow, PeopleStore } from './peopleStore';

/** A permit as 到期提醒 lists it, with where it is known from. */
export interface DeskPermit extends PermitInfo {
  /** desk: an approval on this desk (perhaps updated by the bureau's list); bureau: the bureau's list only */
  source: 'desk' | 'bureau';
}

/** Stands in for `recordId` while a permit known only from the bureau's list has no record on the desk. */
export const bureauRecordId = (number: string) => `bureau:${number}`;

/** From the definitions: the kinds issuing a permit with an expiry, and those renewing one (延期, 变更, 补办). */
export const PERMIT_KINDS: readonly DocumentKind[] = PERMIT_ISSUING_KINDS;
export const EXTENSION_KINDS: readonly DocumentKind[] = RENEWAL_KINDS;

/** Kinds whose approval ends a permit (注销): their certificate number is the permit ended. */
export const CANCELLATION_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS.filter((k) => documentDef(k).cancels !== undefined);

/** later approval first: reviewed, then submitted, then created */
const laterFirst = (a: DocumentRow, b: DocumentRow) =>
  (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? '') ||
  (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '') ||
  b.createdAt.localeCompare(a.createdAt);

/** Every permit number known locally or from the bureau, with its current expiry and level on `today`. */
export function allPermits(
  people: PeopleStore,
  today: string,
  thresholds: readonly number[],
  bureau: readonly BureauPermitRow[] = [],
): DeskPermit[] {
  const byNumber = new Map<string, DocumentRow[]>();
  for (const r of people.approvedWithCertificate([...PERMIT_KINDS, ...EXTENSION_KINDS])) {
    if (!r.certificateNo || !r.certificateExpiry || !isIsoDate(r.certificateExpiry)) continue;
    const list = byNumber.get(r.certificateNo) ?? [];
    list.push(r);
    byNumber.set(r.certificateNo, list);
  }
  const open = people.openExtensions();
  const out: DeskPermit[] = [];
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
      extensionKind: extensionKindFor(latest.kind) ?? EXTENSION_KIND[type],
      expiry: latest.certificateExpiry,
      daysLeft,
      level: deadlineLevel(daysLeft, thresholds),
      recordId: latest.id,
      personId: latest.personId ?? rows.find((r) => r.personId)?.personId ?? null,
      name: latest.personName || rows.find((r) => r.personName)?.personName || '',
      pendingExtension: pending ? { id: pending.id, status: pending.status } : null,
      source: 'desk',
    });
  }
  const all = withBureauPermits(out, bureau, open, today, thresholds);
  // a permit ended by an approved 注销 (after its latest approval) is no longer tracked
  const ended = new Map<string, string>();
  for (const c of people.approvedWithCertificate(CANCELLATION_KINDS)) {
    if (c.certificateNo) ended.set(c.certificateNo, c.reviewedAt ?? '');
  }
  if (ended.size === 0) return all;
  const latestApproval = new Map([...byNumber].map(([n, rows]) => [n, rows[0]?.reviewedAt ?? ''] as const));
  return all.filter((p) => {
    const at = ended.get(p.number);
    return at === undefined || (latestApproval.get(p.number) ?? '') > at;
  });
}

function withBureauPermits(
  desk: DeskPermit[],
  bureau: readonly BureauPermitRow[],
  open: readonly DocumentRow[],
  today: string,
  thresholds: readonly number[],
): DeskPermit[] {
  if (bureau.length === 0) return desk;
  const byNumber = new Map(desk.map((p) => [p.number, p]));
  const revoked = new Set<string>();
  for (const b of bureau) {
    if (b.kind === 'license') continue;
    if (b.status === 'revoked') {
      revoked.add(b.number);
      continue;
    }
    if (!b.expiry || !isIsoDate(b.expiry)) continue;
    const daysLeft = diffDays(today, b.expiry);
    const known = byNumber.get(b.number);
    if (known) {
      if (b.expiry > known.expiry) Object.assign(known, { expiry: b.expiry, daysLeft, level: deadlineLevel(daysLeft, thresholds) });
      known.personId ??= b.personId;
      continue;
    }
    const pending = open.find((e) => e.basedOnNumber === b.number && e.status !== 'approved');
    // the kind that would have issued it on this desk, by the number's format
    const kind: DocumentKind = b.applicant === 'hmt' ? 'hmt-permit' : WORK_PERMIT_NO.test(b.number) ? 'wp-permit' : 'registration-licensed';
    const permit: DeskPermit = {
      number: b.number,
      kind,
      extensionKind: extensionKindFor(kind) ?? EXTENSION_KIND[b.applicant],
      expiry: b.expiry,
      daysLeft,
      level: deadlineLevel(daysLeft, thresholds),
      recordId: bureauRecordId(b.number),
      personId: b.personId,
      name: b.holderName,
      pendingExtension: pending ? { id: pending.id, status: pending.status } : null,
      source: 'bureau',
    };
    byNumber.set(b.number, permit);
    desk.push(permit);
  }
  return revoked.size === 0 ? desk : desk.filter((p) => !revoked.has(p.number));
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
export function permitsToRemind<P extends PermitInfo>(permits: readonly P[]): P[] {
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
