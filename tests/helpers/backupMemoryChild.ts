/**
 * Child process of tests/integration/backupMemory.test.ts and tests/bench/backupBench.ts: a
 * store of the given size is backed up and restored in a process of its own, and the peak
 * resident memory of each step is measured (Linux: VmHWM, reset through /proc/self/clear_refs;
 * elsewhere: sampled). Prints one JSON line.
 *   node --expose-gc --import tsx tests/helpers/backupMemoryChild.ts <dataDir> <megabytes>
 * With <megabytes> 0 the store already in <dataDir> (the bench's 100,000 applications with their
 * photos, signed in as the bench signs in) is used as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../main/services';
import { createBackup } from '../../main/services/data/backup';
import { restoreBackup } from '../../main/services/data/restore';
import { fillStore } from './bigStore';

const [dataDir, megabytes] = process.argv.slice(2);
if (!dataDir || !megabytes) throw new Error('usage: backupMemoryChild <dataDir> <megabytes>');

const MiB = 1024 * 1024;
const canReset = (() => {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return /VmHWM/.test(fs.readFileSync('/proc/self/status', 'utf8'));
  } catch {
    return false;
  }
})();
const rss = () => process.memoryUsage().rss;

/** Runs `step` and returns its duration and the process's peak RSS meanwhile. */
async function measured<T>(step: () => Promise<T>): Promise<{ ms: number; peakMiB: number; baseMiB: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = rss();
  let sampledPeak = base;
  const sampler = canReset ? null : setInterval(() => (sampledPeak = Math.max(sampledPeak, rss())), 20);
  if (canReset) fs.writeFileSync('/proc/self/clear_refs', '5');
  const t0 = performance.now();
  const value = await step();
  const ms = performance.now() - t0;
  if (sampler) clearInterval(sampler);
  const hwm = canReset ? Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024 : sampledPeak;
  return { ms, peakMiB: Math.max(hwm, rss()) / MiB, baseMiB: base / MiB, value };
}

const app = openApp({ dataDir, mode: 'browser', version: 'test', defaultBureauUrl: '' }, { backgroundJobs: false });
// the bench's store was made signed in as tests/bench/benchApp.ts signInLocally signs in
const existing = Number(megabytes) === 0;
await app.dispatch('auth:login', existing ? { email: 'bench@example.com', password: 'bench-password' } : { email: 'hr@example.com', password: 'pw' });
const t0 = performance.now();
const rows = !existing
  ? fillStore(app.core, Number(megabytes))
  : (app.core.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
const fillMs = performance.now() - t0;
const storeBytes = fs.statSync(app.core.dbFile).size;
const file = path.join(dataDir, 'bench-backup.sqlite');
const backup = await measured(() => createBackup(app.core, file));
const restore = await measured(() => restoreBackup(() => app.core, file));
fs.rmSync(restore.value.replacedFile, { force: true });
const restoredRows = (app.core.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
app.close();
process.stdout.write(
  `${JSON.stringify({
    rows,
    restoredRows,
    storeBytes,
    backupBytes: backup.value.sizeBytes,
    fillMs,
    peakMeasured: canReset ? 'VmHWM' : 'sampled',
    backup: { ms: backup.ms, peakMiB: backup.peakMiB, baseMiB: backup.baseMiB },
    restore: { ms: restore.ms, peakMiB: restore.peakMiB, baseMiB: restore.baseMiB },
  })}\n`,
);
