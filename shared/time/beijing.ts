/**
 * Times as the bureau and the printouts give them: Beijing time (UTC+8, no daylight saving),
 * whatever zone the PC is set to.
 */
const pad = (n: number): string => String(n).padStart(2, '0');
const inBeijing = (d: Date): Date => new Date(d.getTime() + 8 * 3600_000);

/** ISO timestamp → "YYYY-MM-DD HH:mm" in Beijing time; '' for null or empty; null when unparsable. */
export function beijingDateTime(iso: string | null | undefined): string | null {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const b = inBeijing(new Date(t));
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** "HH:mm:ss" of a moment in Beijing time. */
export function beijingTime(d: Date): string {
  const b = inBeijing(d);
  return `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}
