/** YYYY-MM-DD of a Date in China Standard Time (the bureau's calendar), whatever the machine's zone. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
