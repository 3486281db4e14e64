/**
 * The store's triggers refuse a write with "RECORD_FROZEN: …" (a submitted record, revision, queued
 * upload or history entry) or "LIFECYCLE_REFUSED: 中文 / English" (guardMigrations.ts): a refusal
 * of that write, as opposed to a disk or programming error.
 */
export const isFrozenError = (e: unknown): boolean => e instanceof Error && e.message.includes('RECORD_FROZEN');

/** The bilingual text of a lifecycle trigger's refusal, or null for any other error. */
export function lifecycleRefusal(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const m = /LIFECYCLE_REFUSED:\s*(.+)$/s.exec(e.message);
  return m?.[1]?.trim() ?? null;
}

/** Either of the two: the store's guards refused the write. */
export const isGuardRefusal = (e: unknown): boolean => isFrozenError(e) || lifecycleRefusal(e) !== null;
