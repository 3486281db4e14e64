/**
 * The sync engine against the sandbox bureau: 1,000 submitted revisions, each with its own
 * 60–120 KB JPEG photo, uploaded, then 10,000 review results pulled, each timed as one
 * `sync.run()` with the engine's defaults (concurrency, page size, retry). The desk runs in a
 * process of its own (syncDesk.ts) and the sandbox bureau in another (tests/sandbox/process.ts),
 * both on 127.0.0.1: the peak RSS sampled is the desk's own, as the app's main process would see it.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESK_FILE } from '../../main/services/desk/deskStore';
import { ENTERPRISES_DIR } from '../../main/services/desk/enterpriseDirs';
import { ZHUJIANG } from '../sandbox/testing';
import type { Metric } from './report';
import { MB } from './stats';
import type { SyncFigures } from './syncDesk';

export interface SyncBenchOptions {
  uploads: number;
  results: number;
  /** an existing data folder (the store phase's 100,000 applications); default: a new empty one */
  dataDir?: string;
  log: (line: string) => void;
}

/**
 * The store phase's applications belong to the enterprise it signed in as (locally); each
 * enterprise has its own store, so they are handed to 珠江智造 (their employer) before it signs in.
 */
function handStoreTo(dataDir: string, uscc: string): void {
  const root = path.join(dataDir, ENTERPRISES_DIR);
  if (!fs.existsSync(root) || fs.existsSync(path.join(root, uscc))) return;
  const [local] = fs.readdirSync(root).filter((k) => k.startsWith('local-'));
  if (local) fs.renameSync(path.join(root, local), path.join(root, uscc));
  fs.rmSync(path.join(dataDir, DESK_FILE), { force: true });
}

const DESK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'syncDesk.ts');

/** syncDesk.ts in a child process: its figures, or its error. */
function runDesk(uploads: number, results: number, dataDir: string | undefined): Promise<SyncFigures> {
  const child = fork(DESK, [String(uploads), String(results), dataDir ?? ''], { execArgv: ['--expose-gc', '--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let answer: { ok: true; figures: SyncFigures } | { ok: false; error: string } | null = null;
    child.on('message', (m: typeof answer) => (answer = m));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.figures);
      else reject(new Error(answer ? answer.error : `the desk process exited (${code ?? signal}) without figures`));
    });
  });
}

export async function syncBench(options: SyncBenchOptions): Promise<Metric[]> {
  const { uploads, results, log } = options;
  if (options.dataDir) handStoreTo(options.dataDir, ZHUJIANG.profile.uscc);
  log(`sync: ${uploads} applications with photos saved and submitted, uploaded; ${results} results pulled (desk and bureau in processes of their own)…`);
  const f = await runDesk(uploads, results, options.dataDir);
  const mib = (bytes: number) => `${(bytes / MB).toFixed(0)} MiB`;
  const conditions = `store of ${f.storeSize.toLocaleString('en')} applications; the desk in its own process, the sandbox bureau in another (127.0.0.1), engine defaults (4 uploads in flight, 500 results a page)`;
  const photos = `each with a distinct ${Math.round(f.photoBytes.min / 1024)}–${Math.round(f.photoBytes.max / 1024)} KB JPEG`;
  return [
    { name: `upload ${uploads.toLocaleString('en')} revisions`, value: f.uploadMs / 1000, unit: 's', note: `${conditions}; ${photos}` },
    {
      name: 'upload rate',
      value: uploads / (f.uploadMs / 1000),
      unit: 'revisions/s',
      target: { op: '>=', value: 200 },
      note: `with a distinct 60–120 KB JPEG each (here ${Math.round(f.photoBytes.min / 1024)}–${Math.round(f.photoBytes.max / 1024)} KB); ${conditions}; each POST /v1/submissions is validated by the bureau's rules`,
    },
    { name: `pull ${results.toLocaleString('en')} review results`, value: f.pullMs / 1000, unit: 's', note: `${conditions}; the same sync.run() also pulls the permits those approvals issued` },
    { name: 'pull rate', value: results / (f.pullMs / 1000), unit: 'results/s', target: { op: '>=', value: 4000 }, note: conditions },
    {
      name: 'peak RSS during pull',
      value: f.pullPeak / MB,
      unit: 'MiB',
      target: { op: '<=', value: 250 },
      note: `the desk process's own RSS (the bureau runs in another process), sampled every 20 ms; ${mib(f.rssBeforePull)} before the pull`,
    },
    {
      name: 'peak RSS during upload',
      value: f.uploadPeak / MB,
      unit: 'MiB',
      note: `the desk process's own RSS, sampled every 20 ms; ${mib(f.rssBeforeUpload)} before the upload; the desk process's maxRSS (resourceUsage, seeding included) ${mib(f.maxRss)}`,
    },
  ];
}
