/** The bureau works on China Standard Time (UTC+8), whatever the machine's zone. */

/** YYYY-MM-DD of an instant in China Standard Time. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:mm" in China Standard Time, for the reviewer console. */
export function chinaDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
