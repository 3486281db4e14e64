import type { Db } from './database';

/** How often an idle connection folds the WAL into the main file. */
export const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's own checkpoint, kept as a backstop should writes never pause (pages of 4 KiB ≈ 40 MB). */
export const BACKSTOP_WAL_PAGES = 10_000;

/**
 * Checkpoints off the write path. SQLite's automatic checkpoint (every 1,000 WAL pages) runs inside
 * the commit that crosses the threshold, so at 100,000 applications one save in every few dozen
 * waited 15–30 ms for the WAL to be copied into the main file and flushed (`npm run bench`). Here a
 * PASSIVE checkpoint runs on a timer, i.e. between the user's actions; it is a no-op when nothing is
 * new and never waits for a reader. Stops by itself once the connection is closed.
 */
export function checkpointWhenIdle(db: Db, everyMs = CHECKPOINT_EVERY_MS): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_WAL_PAGES}`);
  const timer = setInterval(() => {
    if (!db.open) {
      clearInterval(timer);
      return;
    }
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy (an open iterator, another process): the next tick or the backstop does it
    }
  }, everyMs);
  timer.unref();
}
