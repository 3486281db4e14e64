/**
 * 申请编号: the number a printed application carries, the same on every print of the record,
 * before and after approval. It is derived from what never changes on a record — the day it was
 * created (China time) and its id — so it needs no counter and is never reused:
 *
 *   SQ-20261128-3F2A9C1D   (申请, creation date, the first 8 hexadecimal digits of the id)
 *
 * The certificate number the bureau issues is a different thing and prints in its own cell.
 */

/** The China Standard Time date of an ISO instant as YYYYMMDD, or '' when unreadable. */
function chinaDay(iso: string | null | undefined): string {
  const t = Date.parse((iso ?? '').trim());
  if (Number.isNaN(t)) return '';
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The stable 申请编号 of a record; '' for an id with no letters or digits. */
export function applicationNumber(record: { id: string; createdAt?: string | null }): string {
  const id = record.id.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8).toUpperCase();
  if (id === '') return '';
  const day = chinaDay(record.createdAt);
  return day ? `SQ-${day}-${id}` : `SQ-${id}`;
}
