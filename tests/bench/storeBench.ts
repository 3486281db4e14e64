/**
 * The store at 100,000 applications of a busy agency's people, each with a real JPEG photo: bulk
 * seeding, the query page's `records:list` calls (first page, last page, name prefix, substring,
 * review state; each with its total), opening a record with its photo, save and submit through
 * the bridge, and the size of the database file against the photos' own bytes.
 */
import fs from 'node:fs';
import type { ListFilter, RecordDetail } from '../../shared/bridge/contract';
import { documentDef } from '../../shared/documents/registry';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import { DOCUMENT_KINDS } from '../../shared/documents/types';
import { VALID_VALUES } from '../fixtures/documents';
import { benchClock, benchTempDir, call, openBenchApp, signInLocally, type BenchApp } from './benchApp';
import type { Metric } from './report';
import { checkList } from './listCheck';
import { fdatasyncLatency } from './diskSync';
import { GIVEN_NAMES, prng, seedApplications, type SeedSummary } from './seedData';
import { distinctPhoto } from '../helpers/jpegPhotos';
import { letters } from '../helpers/letters';
import { distribution, MB, sample, timed } from './stats';

export interface StoreBenchOptions {
  applications: number;
  /** people in the roster, each with a distinct 60–120 KB JPEG; 0: no roster and no photos at all */
  people: number;
  iterations: number;
  log: (line: string) => void;
  /** only the read figures and the size (the growth runs): no save/submit samples */
  readsOnly?: boolean;
}

/** What the query page sends: 10 rows a page (renderer/src/pages/documents/QueryPage.vue). */
export const QUERY_PAGE_SIZE = 10;
const QUERY_KIND: DocumentKind = 'license';

interface ListReply {
  rows: { id: string }[];
  total: number;
}

/** The fixture with another person name (an edit the rules accept). */
function renamed(kind: DocumentKind, i: number): FormValues {
  const values = { ...VALID_VALUES[kind] };
  const key = documentDef(kind).applicant === 'hmt' ? 'hmt.name' : 'person.nameEn';
  values[key] = documentDef(kind).applicant === 'hmt' ? `${values[key] ?? ''}${'明华'[i % 2]}` : `${values[key] ?? ''} ${letters(i)}`;
  return values;
}

const p95 = (name: string, samples: number[], limitMs: number, note: string): Metric[] => {
  const d = distribution(samples);
  return [
    { name: `${name} p50`, value: d.p50, unit: 'ms', note },
    { name: `${name} p95`, value: d.p95, unit: 'ms', target: { op: '<=', value: limitMs }, note: `${note}; max ${d.max.toFixed(2)} ms` },
  ];
};

/** The store's size: per application, and against the photos' own bytes when it has photos. */
function sizeMetrics(bytes: number, applications: number, seeded: SeedSummary): Metric[] {
  const out: Metric[] = [
    {
      name: `database file (${applications.toLocaleString('en')} applications)`,
      value: bytes / MB,
      unit: 'MiB',
      note: `main file + WAL after wal_checkpoint(TRUNCATE)${seeded.people ? `; ${seeded.people.toLocaleString('en')} people with ${(seeded.photoBytes / MB).toFixed(0)} MiB of photos` : '; no photos'}`,
    },
    { name: 'store size per application', value: bytes / applications / 1024, unit: 'KiB', note: 'database file ÷ applications (photos included, each stored once)' },
  ];
  if (seeded.photoBytes > 0) {
    out.push({
      name: 'store size ÷ photos’ own bytes',
      value: bytes / seeded.photoBytes,
      unit: '×',
      target: { op: '<=', value: 1.3 },
      note: `${(bytes / MB).toFixed(0)} MiB for ${(seeded.photoBytes / MB).toFixed(0)} MiB of JPEGs: each photo once (record, revisions and person share it), the applications' values, history, indexes and search index on top`,
    });
  }
  return out;
}

/** The figures, and the data folder (closed, kept for the sync phase). */
export async function storeBench(options: StoreBenchOptions): Promise<{ metrics: Metric[]; dataDir: string }> {
  const { applications, iterations, log } = options;
  const dir = benchTempDir('store');
  const app: BenchApp = openBenchApp(dir);
  const metrics: Metric[] = [];
  try {
    await signInLocally(app);
    const { core } = app;

    const { people } = options;
    log(`store: seeding ${applications.toLocaleString('en')} applications${people ? ` of ${people.toLocaleString('en')} people, each with a distinct JPEG photo,` : ' without photos'} in one transaction…`);
    // no ANALYZE afterwards: the app never runs one, so the planner works without statistics here too
    const seeded = await timed(() =>
      seedApplications(core.db, applications, benchClock(), people ? { people: { count: people, photo: distinctPhoto } } : { withoutPhotos: true }),
    );
    metrics.push({
      name: `seed ${applications.toLocaleString('en')} applications (1 transaction)`,
      value: seeded.ms / 1000,
      unit: 's',
      note: `${Math.round(applications / (seeded.ms / 1000)).toLocaleString('en')} rows/s; ${people ? `${people.toLocaleString('en')} people, photos ${(seeded.value.photoBytes / MB).toFixed(0)} MiB (${Math.round(seeded.value.photoBytes / people / 1024)} KiB each on average); ` : 'no photos; '}by kind ${JSON.stringify(seeded.value.byKind)}; by status ${JSON.stringify(seeded.value.byStatus)}`,
    });

    const infix = (name: string) => (name.length >= 4 ? name.slice(1, 4) : name);
    const list = (filter: ListFilter, page: number) =>
      call<ListReply>(app, 'records:list', { kind: QUERY_KIND, filter, page, pageSize: QUERY_PAGE_SIZE });
    const kindTotal = (await list({}, 1)).total;
    const lastPage = Math.max(1, Math.ceil(kindTotal / QUERY_PAGE_SIZE));
    const cases: { label: string; filter: (i: number) => ListFilter; page: number }[] = [
      { label: 'first page', filter: () => ({}), page: 1 },
      { label: 'last page', filter: () => ({}), page: lastPage },
      // a different given name each time: each matches about 1/20 of the kind's rows
      { label: 'name prefix', filter: (i) => ({ name: GIVEN_NAMES[i % GIVEN_NAMES.length] as string }), page: 1 },
      // any part of a name (FTS5 trigram): three letters from inside a given name
      { label: 'substring search', filter: (i) => ({ name: infix(GIVEN_NAMES[i % GIVEN_NAMES.length] as string) }), page: 1 },
      { label: 'status approved', filter: () => ({ reviewState: '预审通过' }), page: 1 },
    ];
    const checked = await checkList(core.db, QUERY_KIND, QUERY_PAGE_SIZE, [{}, { name: 'olivia' }, { name: 'livi' }, { documentNumber: 'P1000' }, { reviewState: '预审通过' }, { submitState: '已提交' }, { from: '2025-06-01', to: '2025-12-31' }], list);
    log(`store: records:list agrees with the plain SQL on ${checked} pages`);
    for (const c of cases) {
      let rows = 0;
      let total = 0;
      const samples = await sample(iterations, async (i) => {
        const reply = await list(c.filter(i), c.page);
        rows = reply.rows.length;
        total = reply.total;
      });
      if (rows === 0) throw new Error(`records:list (${c.label}) returned no rows`);
      metrics.push(
        ...p95(
          `query ${c.label}`,
          samples,
          2,
          `records:list via the dispatcher, ${QUERY_KIND} (${kindTotal.toLocaleString('en')} of ${applications.toLocaleString('en')} rows), ${QUERY_PAGE_SIZE}/page, total counted (last: ${total.toLocaleString('en')} matches, ${rows} rows); n=${iterations}`,
        ),
      );
    }

    // open a record as the form page does: records:get, its photo read from its blob and sent as a data URL
    const ids = core.db.prepare(`SELECT id FROM records ORDER BY rowid`).pluck().all() as string[];
    const pickRandom = prng(42);
    let photoChars = 0;
    const open = await sample(iterations, async () => {
      const id = ids[Math.floor(pickRandom() * ids.length)] as string;
      const r = await call<RecordDetail>(app, 'records:get', { id });
      photoChars = Math.max(photoChars, (r.values['person.photo'] ?? r.values['hmt.photo'] ?? '').length);
    });
    if (people && photoChars < 60_000) throw new Error('records:get returned no photo');
    metrics.push(
      ...p95(
        'open a record with its photo',
        open,
        5,
        `records:get via the dispatcher, a random one of ${ids.length.toLocaleString('en')} records each time (its values, history, problems, ${people ? 'photo resolved from the blobs table to a data URL' : 'no photo in this run'}); n=${iterations}`,
      ),
    );

    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    const storeSize = () => {
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      return size(core.dbFile) + size(`${core.dbFile}-wal`);
    };
    if (options.readsOnly) {
      metrics.push(...sizeMetrics(storeSize(), applications, seeded.value));
      return { metrics, dataDir: dir };
    }

    // save a new draft, save it again (update), submit it: through the bridge, as the form page does
    const kinds = DOCUMENT_KINDS;
    const drafts: RecordDetail[] = [];
    const saveNew = await sample(iterations, async (i) => {
      const kind = kinds[i % kinds.length] as DocumentKind;
      drafts.push(await call<RecordDetail>(app, 'records:save', { kind, values: VALID_VALUES[kind] }));
    });
    const saveUpdate = await sample(iterations, async (i) => {
      const draft = drafts[i] as RecordDetail;
      await call(app, 'records:save', { id: draft.id, kind: draft.kind, values: renamed(draft.kind, i) });
    });
    const submit = await sample(iterations, async (i) => {
      const draft = drafts[i] as RecordDetail;
      const done = await call<RecordDetail>(app, 'records:submit', { id: draft.id });
      if (done.status !== 'submitted') throw new Error(`submit left ${draft.id} ${done.status}`);
    });
    // what the calls above no longer pay: the WAL folded into the main file, which the app does
    // on an idle timer between the user's actions (main/services/store/checkpoints.ts)
    const walPages = (core.db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]?.log ?? 0;
    const started = performance.now();
    core.db.pragma('wal_checkpoint(PASSIVE)');
    const checkpointMs = performance.now() - started;
    const disk = fdatasyncLatency(dir);
    const note = `through the dispatcher, the 7 kinds in turn, synchronous=FULL (one fsync per call; this disk's fdatasync p50 ${disk.p50.toFixed(2)} ms, p95 ${disk.p95.toFixed(2)} ms); n=${iterations}`;
    metrics.push(...p95('save (new draft)', saveNew, 5, note), ...p95('save (update draft)', saveUpdate, 5, note), ...p95('submit', submit, 5, note));
    metrics.push({
      name: 'idle WAL checkpoint after the writes',
      value: checkpointMs,
      unit: 'ms',
      note: `${walPages.toLocaleString('en')} WAL pages from ${iterations * 3} saves and submits, folded into the main file in one PASSIVE checkpoint; the app runs it on a 1 s timer between calls, so no save waits for it`,
    });
    metrics.push({ name: 'disk fdatasync (4 KiB) p95', value: disk.p95, unit: 'ms', note: `the floor under every committed write; p50 ${disk.p50.toFixed(2)} ms, n=${disk.n}` });

    metrics.push(...sizeMetrics(storeSize(), applications, seeded.value));
    return { metrics, dataDir: dir };
  } finally {
    app.close();
  }
}
