/**
 * Bounded memory: a store of a couple of hundred MB (photos) is backed up and restored in a child
 * process of its own; the peak resident memory of each step stays far below the store's size
 * (nothing is ever read whole: SQLite's backup API, a streamed MAC, rows copied in batches with
 * the large values kept native). The 1 GiB figures are the bench's (tests/bench/backupBench.ts).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from '../helpers/tmp';

const CHILD = path.resolve('tests/helpers/backupMemoryChild.ts');
const STORE_MB = 200;

describe('backup and restore in bounded memory', () => {
  it(`a ${STORE_MB} MB store: neither step grows the process by more than a fraction of it`, { timeout: 300_000 }, () => {
    const work = tempDir();
    try {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, work.dir, String(STORE_MB)], { encoding: 'utf8', timeout: 280_000 });
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as {
        rows: number;
        restoredRows: number;
        storeBytes: number;
        backup: { peakMiB: number; baseMiB: number };
        restore: { peakMiB: number; baseMiB: number };
      };
      console.log(`backup memory test: ${JSON.stringify(result)}`);
      expect(result.storeBytes).toBeGreaterThan(STORE_MB * 1024 * 1024);
      expect(result.restoredRows).toBe(result.rows);
      // generous bounds: reading the store whole would add its 200 MB
      expect(result.backup.peakMiB - result.backup.baseMiB).toBeLessThan(100);
      expect(result.restore.peakMiB - result.restore.baseMiB).toBeLessThan(120);
    } finally {
      work.cleanup();
    }
  });
});
