import type { Db } from './database';

/** How often an idle connection folds the WAL into the main file. */
export const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's own checkpoint, kept as a backstop should writes never pause (pages of 4 KiB ≈ 40 MB). */
export const BACKSTOP_WAL_PAGES = 10_000;

/**
 * Checkpoints off the write path. SQLite's automatic checkpoint (every 1,000 WAL pages) runs inside
 * the commit that crosses the threshold, so at 100,000 applications one save in every few dozen
 * waited 15–30 ms for the WAL to be copied into the main file and flushed (`npm run bench`). Here a
 * PASSIVE checkpoint runs on a timer once a tick has passed without a write, i.e. between the user's
 * actions and after a long sync or import rather than in its middle (a pull of 10,000 results lost
 * ~0.2 s to checkpoints between its pages); it never waits for a reader. Stops by itself once the
 * connection is closed.
 */
export function checkpointWhenIdle(db: Db, everyMs = CHECKPOINT_EVERY_MS): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_WAL_PAGES}`);
  // rows this connection has written since it opened: unchanged over a tick = idle
  const written = db.prepare('SELECT total_changes()').pluck();
  let seen = -1;
  let folded = 0;
  const timer = setInterval(() => {
    if (!db.open) {
      clearInterval(timer);
      return;
    }
    const now = written.get() as number;
    const busy = now !== seen;
    seen = now;
    if (busy || now === folded) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      folded = now;
    } catch {
      // busy (an open iterator, another process): the next tick or the backstop does it
    }
  }, everyMs);
  timer.unref();
}
