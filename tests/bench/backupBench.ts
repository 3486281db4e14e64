/**
 * 【备份】 and 【恢复】 of the store phase's 100,000 applications with real photos (or, alone, a 1 GiB
 * store of license drafts with ~1 MB photos stored once, tests/helpers/bigStore.ts),
 * in a process of its own (tests/helpers/backupMemoryChild.ts): the time of each step and the
 * process's peak resident memory during it (VmHWM on Linux). A restore here is the whole of it:
 * the streamed MAC, quick_check, every row checked and copied into a fresh store, the swap.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTempDir } from './benchApp';
import type { Metric } from './report';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'backupMemoryChild.ts');

interface ChildResult {
  rows: number;
  restoredRows: number;
  storeBytes: number;
  backupBytes: number;
  fillMs: number;
  peakMeasured: string;
  backup: { ms: number; peakMiB: number; baseMiB: number };
  restore: { ms: number; peakMiB: number; baseMiB: number };
}

function runChild(dataDir: string, megabytes: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, dataDir, String(megabytes)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`backup bench child exited ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as ChildResult);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/**
 * `dataDir`: the store phase's store (100,000 applications with real photos) is backed up and
 * restored as it is; without it a store of `megabytes` is generated.
 */
export async function backupBench(options: { megabytes: number; dataDir?: string; log: (line: string) => void }): Promise<Metric[]> {
  const existing = options.dataDir !== undefined;
  const r = await (async () => {
    options.log(existing ? 'backup: backing up and restoring the store phase’s store…' : `backup: filling a ${options.megabytes} MiB store, then backing it up and restoring it…`);
    return runChild(options.dataDir ?? benchTempDir('backup'), existing ? 0 : options.megabytes);
  })();
  if (r.restoredRows !== r.rows) throw new Error(`restored ${r.restoredRows} of ${r.rows} records`);
  const megabytes = Math.round(r.storeBytes / 1024 / 1024);
  const size = `${megabytes} MiB store, ${r.rows.toLocaleString('en')} records${existing ? ' with their people’s photos (the store phase’s)' : ''}`;
  const memory = `peak RSS of the whole process (${r.peakMeasured}), base before the step`;
  return [
    { name: `backup ${megabytes} MiB store: time`, value: r.backup.ms / 1000, unit: 's', note: `createBackup (backup API + streamed HMAC), ${size}` },
    {
      name: `backup ${megabytes} MiB store: peak RSS`,
      value: r.backup.peakMiB,
      unit: 'MiB',
      target: { op: '<=', value: 300 },
      note: `${memory} ${r.backup.baseMiB.toFixed(0)} MiB`,
    },
    { name: `restore ${megabytes} MiB store: time`, value: r.restore.ms / 1000, unit: 's', note: `restoreBackup (MAC, quick_check, every row checked and copied, swap), ${size}` },
    {
      name: `restore ${megabytes} MiB store: peak RSS`,
      value: r.restore.peakMiB,
      unit: 'MiB',
      target: { op: '<=', value: 300 },
      note: `${memory} ${r.restore.baseMiB.toFixed(0)} MiB`,
    },
  ];
}
