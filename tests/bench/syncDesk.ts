/**
 * The desk's side of the sync bench, in a process of its own (spawned by syncBench.ts), so that its
 * RSS is the desk's: the app on its data folder, the engine's defaults, and the sandbox bureau in a
 * third process (tests/sandbox/process.ts) on 127.0.0.1. argv: uploads results [dataDir]; the
 * figures go to the parent over IPC as { ok: true, figures } or { ok: false, error }.
 */
import type { RecordDetail } from '../../shared/bridge/contract';
import { DOCUMENT_KINDS, type DocumentKind, type FormValues } from '../../shared/documents/types';
import { VALID_VALUES } from '../fixtures/documents';
import { distinctPhoto, jpegDataUrl } from '../helpers/jpegPhotos';
import type { ApprovedElsewhere } from '../sandbox/child';
import { spawnSandbox, type SandboxProcess } from '../sandbox/process';
import { ZHUJIANG } from '../sandbox/testing';
import { benchClock, benchTempDir, call, openBenchApp, removeTempDirs, type BenchApp } from './benchApp';
import { seedApplications } from './seedData';
import { rssSampler, timed } from './stats';

export interface SyncFigures {
  storeSize: number;
  uploads: number;
  results: number;
  /** bytes of the uploaded photos (decoded), smallest and largest */
  photoBytes: { min: number; max: number };
  uploadMs: number;
  pullMs: number;
  rssBeforeUpload: number;
  uploadPeak: number;
  rssBeforePull: number;
  pullPeak: number;
  /** the desk process's maxRSS (resourceUsage) at the end, bytes */
  maxRss: number;
}

/** The kind's photo field: 照片 of the foreign person or of the HMT resident. */
const photoField = (values: FormValues) => ('hmt.photo' in values ? 'hmt.photo' : 'person.photo');

/** `count` drafts, each with its own 60–120 KB JPEG, saved and submitted through the bridge. */
async function submitThroughBridge(app: BenchApp, count: number): Promise<{ min: number; max: number }> {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < count; i++) {
    const kind = DOCUMENT_KINDS[i % DOCUMENT_KINDS.length] as DocumentKind;
    const base = VALID_VALUES[kind];
    const photo = distinctPhoto(i);
    min = Math.min(min, photo.length);
    max = Math.max(max, photo.length);
    const values = { ...base, [photoField(base)]: jpegDataUrl(photo) };
    const draft = await call<RecordDetail>(app, 'records:save', { kind, values });
    await call(app, 'records:submit', { id: draft.id });
  }
  return { min, max };
}

/** Local applications already uploaded and waiting for review; the bureau approves each (in batches). */
async function seedApprovedElsewhere(app: BenchApp, bureau: SandboxProcess, count: number): Promise<void> {
  let batch: ApprovedElsewhere[] = [];
  const sent: Promise<unknown>[] = [];
  const receivedAt = benchClock().toISOString();
  const flush = () => {
    if (batch.length) sent.push(bureau.request({ op: 'seedApproved', email: ZHUJIANG.email, receivedAt, rows: batch }));
    batch = [];
  };
  seedApplications(app.core.db, count, benchClock(), {
    status: 'submitted',
    days: 60,
    seed: 7,
    onRow: (r) => {
      batch.push({ clientId: r.id, kind: r.kind, values: r.values, submittedAt: r.submittedAt });
      if (batch.length >= 500) flush();
    },
  });
  flush();
  await Promise.all(sent);
}

/** A full collection when the process runs with --expose-gc (syncBench starts it so). */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function measure(uploads: number, results: number, dataDir: string | undefined): Promise<SyncFigures> {
  const bureau = await spawnSandbox({ clock: benchClock() });
  const app = openBenchApp(dataDir ?? benchTempDir('sync'), bureau.url);
  try {
    await call(app, 'auth:login', { email: ZHUJIANG.email, password: ZHUJIANG.password });
    await app.core.sync.run(); // the sign-in's own first sync (uploads whatever the store phase submitted)
    const storeSize = (app.core.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;

    const photoBytes = await submitThroughBridge(app, uploads);
    // what the bench itself made (the photos it generated, the rows it seeded) is not the sync's
    collectGarbage();
    const rssBeforeUpload = process.memoryUsage.rss();
    const uploadRss = rssSampler();
    const up = await timed(() => app.core.sync.run());
    const uploadPeak = uploadRss.stop();
    if (up.value.uploaded !== uploads) throw new Error(`uploaded ${up.value.uploaded} of ${uploads}`);

    const approved = await bureau.request<number>({ op: 'approvePending' });
    await seedApprovedElsewhere(app, bureau, results - approved);
    collectGarbage();
    const rssBeforePull = process.memoryUsage.rss();
    const pullRss = rssSampler();
    const pull = await timed(() => app.core.sync.run());
    const pullPeak = pullRss.stop();
    if (pull.value.results !== results) throw new Error(`pulled ${pull.value.results} of ${results} results`);
    return {
      storeSize,
      uploads,
      results,
      photoBytes,
      uploadMs: up.ms,
      pullMs: pull.ms,
      rssBeforeUpload,
      uploadPeak,
      rssBeforePull,
      pullPeak,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    app.close();
    await bureau.close();
  }
}

const [uploads, results, dataDir] = process.argv.slice(2);
measure(Number(uploads), Number(results), dataDir || undefined)
  .then(
    (figures) => process.send?.({ ok: true, figures }),
    (e: unknown) => process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  )
  .finally(() => {
    removeTempDirs();
    process.disconnect?.();
  });
