/**
 * The sync engine against the sandbox bureau (in this process, on 127.0.0.1): 1,000 submitted
 * revisions uploaded, then 10,000 review results pulled, each timed as one `sync.run()` with the
 * engine's defaults (concurrency, page size, retry), the process's peak RSS sampled meanwhile.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RecordDetail } from '../../shared/bridge/contract';
import { DESK_FILE } from '../../main/services/desk/deskStore';
import { ENTERPRISES_DIR } from '../../main/services/desk/enterpriseDirs';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents/types';
import { VALID_VALUES } from '../fixtures/documents';
import { createSandbox, type Sandbox } from '../sandbox';
import { approveSubmission } from '../sandbox/review';
import { ZHUJIANG } from '../sandbox/testing';
import { benchClock, benchTempDir, call, openBenchApp, type BenchApp } from './benchApp';
import type { Metric } from './report';
import { seedApplications, type SeededRow } from './seedData';
import { MB, rssSampler, timed } from './stats';

export interface SyncBenchOptions {
  uploads: number;
  results: number;
  /** an existing data folder (the store phase's 100,000 applications); default: a new empty one */
  dataDir?: string;
  log: (line: string) => void;
}

/** `count` drafts saved and submitted through the bridge: they wait in the outbox. */
async function submitThroughBridge(app: BenchApp, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const kind = DOCUMENT_KINDS[i % DOCUMENT_KINDS.length] as DocumentKind;
    const draft = await call<RecordDetail>(app, 'records:save', { kind, values: VALID_VALUES[kind] });
    await call(app, 'records:submit', { id: draft.id });
  }
}

/** Local applications already uploaded and waiting for review, and the bureau's approval of each. */
function seedApprovedElsewhere(app: BenchApp, sandbox: Sandbox, count: number): void {
  const enterprise = sandbox.store.enterpriseByEmail(ZHUJIANG.email);
  if (!enterprise) throw new Error(`the sandbox has no account ${ZHUJIANG.email}`);
  const rows: SeededRow[] = [];
  seedApplications(app.core.db, count, benchClock(), { status: 'submitted', days: 60, seed: 7, onRow: (r) => rows.push(r) });
  const receivedAt = benchClock().toISOString();
  sandbox.store.transaction(() => {
    for (const r of rows) {
      const submission = sandbox.store.insertSubmission({
        enterpriseId: enterprise.id,
        idempotencyKey: `${r.id}:1`,
        bodyHash: 'seeded-by-the-bench',
        kind: r.kind,
        clientId: r.id,
        revision: 1,
        values: r.values,
        submittedAt: r.submittedAt ?? receivedAt,
        receivedAt,
      });
      approveSubmission(sandbox.store, submission.id, benchClock());
    }
  });
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

export async function syncBench(options: SyncBenchOptions): Promise<Metric[]> {
  const { uploads, results, log } = options;
  if (options.dataDir) handStoreTo(options.dataDir, ZHUJIANG.profile.uscc);
  const sandbox = await createSandbox({ clock: benchClock });
  const app = openBenchApp(options.dataDir ?? benchTempDir('sync'), sandbox.url);
  try {
    await call(app, 'auth:login', { email: ZHUJIANG.email, password: ZHUJIANG.password });
    await app.core.sync.run(); // the sign-in's own first sync (uploads whatever the store phase submitted)
    const storeSize = (app.core.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;

    log(`sync: ${uploads} applications saved and submitted through the bridge…`);
    await submitThroughBridge(app, uploads);
    const rssBefore = process.memoryUsage.rss();
    const uploadRss = rssSampler();
    const up = await timed(() => app.core.sync.run());
    const uploadPeak = uploadRss.stop();
    if (up.value.uploaded !== uploads) throw new Error(`uploaded ${up.value.uploaded} of ${uploads}`);

    const waiting = sandbox.review.list('pending');
    log(`sync: approving the ${waiting.length} submissions on the bureau, seeding ${results - waiting.length} more approved ones…`);
    for (const s of waiting) sandbox.review.approve(s.submissionId);
    seedApprovedElsewhere(app, sandbox, results - waiting.length);
    const pullRss = rssSampler();
    const pull = await timed(() => app.core.sync.run());
    const pullPeak = pullRss.stop();
    if (pull.value.results !== results) throw new Error(`pulled ${pull.value.results} of ${results} results`);

    const conditions = `store of ${storeSize.toLocaleString('en')} applications; sandbox bureau and app in one process, engine defaults (4 uploads in flight, 200 results a page)`;
    return [
      { name: `upload ${uploads.toLocaleString('en')} revisions`, value: up.ms / 1000, unit: 's', note: conditions },
      {
        name: 'upload rate',
        value: uploads / (up.ms / 1000),
        unit: 'revisions/s',
        target: { op: '>=', value: 200 },
        note: `${conditions}; each POST /v1/submissions is validated by the bureau's rules`,
      },
      { name: `pull ${results.toLocaleString('en')} review results`, value: pull.ms / 1000, unit: 's', note: conditions },
      { name: 'pull rate', value: results / (pull.ms / 1000), unit: 'results/s', target: { op: '>=', value: 2000 }, note: conditions },
      {
        name: 'peak RSS during sync',
        value: Math.max(uploadPeak, pullPeak) / MB,
        unit: 'MiB',
        note: `whole bench process (sandbox included), sampled every 20 ms; ${(rssBefore / MB).toFixed(0)} MiB before the upload, upload peak ${(uploadPeak / MB).toFixed(0)} MiB, pull peak ${(pullPeak / MB).toFixed(0)} MiB; the process's maxRSS so far (resourceUsage, the store phase included) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
      },
    ];
  } finally {
    app.close();
    await sandbox.close();
  }
}
