/** A clock that reads a fixed date (at the real time of day), for tests that must not age. */
export function pinnedClock(date: string): () => Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new Error(`PERMIT_DESK_CLOCK 应为 YYYY-MM-DD / PERMIT_DESK_CLOCK must be YYYY-MM-DD: ${date}`);
  }
  const offset = Date.parse(`${date}T04:00:00Z`) - Date.now();
  return () => new Date(Date.now() + offset);
}
