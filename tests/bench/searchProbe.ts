/**
 * A standalone probe of the query page's search at 100,000 applications (issue 16): records:list
 * through the dispatcher for the bench's cases plus the 证件号码 box, p50/p95 of 200 calls each,
 * after checking the answers against plain SQL (listCheck.ts).
 *   npx tsx tests/bench/searchProbe.ts [applications] [iterations]
 */
import fs from 'node:fs';
import type { ListFilter } from '../../shared/bridge/contract';
import type { DocumentKind } from '../../shared/documents/types';
import { benchClock, benchTempDir, call, openBenchApp, removeTempDirs, signInLocally } from './benchApp';
import { checkList } from './listCheck';
import { GIVEN_NAMES, seedApplications } from './seedData';
import { distribution, timed } from './stats';

const APPLICATIONS = Number(process.argv[2] ?? 100_000);
const ITERATIONS = Number(process.argv[3] ?? 200);
const KIND: DocumentKind = 'license';
const PAGE_SIZE = 10;

interface ListReply {
  rows: { id: string }[];
  total: number;
}

/**
 * SEARCH_PROBE_TEMPLATE=dir: a seeded data folder kept between runs (seeding takes a minute or
 * two); opening a copy of it also times the migrations it still needs.
 */
async function openSeeded(): Promise<ReturnType<typeof openBenchApp>> {
  const template = process.env.SEARCH_PROBE_TEMPLATE;
  const dir = benchTempDir('search');
  if (template && fs.existsSync(template)) {
    fs.cpSync(template, dir, { recursive: true });
    const opened = await timed(() => openBenchApp(dir));
    console.log(`opened a copy of ${template} in ${(opened.ms / 1000).toFixed(1)} s (migrations included)`);
    await signInLocally(opened.value);
    return opened.value;
  }
  let app = openBenchApp(dir);
  await signInLocally(app);
  const seeded = await timed(() => seedApplications(app.core.db, APPLICATIONS, benchClock()));
  console.log(`seeded ${APPLICATIONS} applications in ${(seeded.ms / 1000).toFixed(1)} s`);
  if (template) {
    app.close();
    fs.cpSync(dir, template, { recursive: true });
    app = openBenchApp(dir);
    await signInLocally(app);
  }
  return app;
}

async function main(): Promise<void> {
  const app = await openSeeded();
  try {
    const list = (filter: ListFilter, page: number) => call<ListReply>(app, 'records:list', { kind: KIND, filter, page, pageSize: PAGE_SIZE });

    const filters: ListFilter[] = [
      {},
      { name: 'olivia' },
      { name: 'livi' },
      { name: 'LI' },
      { name: 'zz' },
      { name: 'XYZQ' },
      { name: 'ILL' },
      { name: 'P1000' },
      { documentNumber: 'P1000' },
      { documentNumber: '12345' },
      { documentNumber: 'p10' },
      { documentNumber: '99' },
      { name: 'emma', documentNumber: '100' },
      { name: 'liv', reviewState: '预审通过' },
      { reviewState: '预审通过' },
      { submitState: '已提交' },
      { from: '2025-06-01', to: '2025-12-31' },
      { name: 'ame', from: '2025-06-01', to: '2025-12-31' },
    ];
    const checked = await timed(() => checkList(app.core.db, KIND, PAGE_SIZE, filters, list));
    console.log(`records:list agrees with plain SQL on ${checked.value} pages (${(checked.ms / 1000).toFixed(1)} s)`);

    const infix = (name: string) => (name.length >= 4 ? name.slice(1, 4) : name);
    const given = (i: number) => GIVEN_NAMES[i % GIVEN_NAMES.length] as string;
    const kindTotal = (await list({}, 1)).total;
    const lastPage = Math.max(1, Math.ceil(kindTotal / PAGE_SIZE));
    const rare = (app.core.db.prepare("SELECT document_number AS n FROM records WHERE kind = ? AND document_number <> '' ORDER BY rowid LIMIT 200").all(KIND) as { n: string }[]).map((r) => r.n.slice(1));
    const cases: { label: string; filter: (i: number) => ListFilter; page: (i: number) => number }[] = [
      { label: 'first page', filter: () => ({}), page: () => 1 },
      { label: 'last page', filter: () => ({}), page: () => lastPage },
      { label: 'name prefix', filter: (i) => ({ name: given(i) }), page: () => 1 },
      { label: 'substring search', filter: (i) => ({ name: infix(given(i)) }), page: () => 1 },
      { label: 'substring search, page 20', filter: (i) => ({ name: infix(given(i)) }), page: () => 20 },
      { label: 'rare search (one number)', filter: (i) => ({ name: rare[i % rare.length] as string }), page: () => 1 },
      { label: 'status approved', filter: () => ({ reviewState: '预审通过' }), page: () => 1 },
      { label: '证件号码 substring (5 digits)', filter: (i) => ({ documentNumber: String(10_000 + ((i * 37) % 90_000)).slice(0, 5) }), page: () => 1 },
      { label: '证件号码 substring (frequent: P100)', filter: () => ({ documentNumber: 'P100' }), page: () => 1 },
    ];
    for (const c of cases) {
      let last: ListReply = { rows: [], total: 0 };
      for (let i = 0; i < 5; i++) await list(c.filter(i), c.page(i));
      const samples: number[] = [];
      // this process's CPU time too: on a shared machine the wall clock also counts waiting for a core
      const cpu: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        last = await list(c.filter(i), c.page(i));
        const used = process.cpuUsage(cpuStarted);
        samples.push(performance.now() - started);
        cpu.push((used.user + used.system) / 1000);
      }
      const d = distribution(samples);
      const u = distribution(cpu);
      console.log(
        `${c.label.padEnd(40)} p50 ${d.p50.toFixed(2)} ms  p95 ${d.p95.toFixed(2)} ms  max ${d.max.toFixed(2)} ms  cpu p50 ${u.p50.toFixed(2)} p95 ${u.p95.toFixed(2)} ms  (last: ${last.total} matches, ${last.rows.length} rows)`,
      );
    }
  } finally {
    app.close();
    removeTempDirs();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
