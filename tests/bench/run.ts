/**
 * `npm run bench` (after `npm run build`): store, sync, print, renderer and import figures in one
 * run on temporary data, one table on stdout, the figures in tests/bench/results.json.
 *
 *   npx tsx tests/bench/run.ts [--only store,backup,sync,growth,print,renderer,import,soak] [--quick] [--soak-minutes N]
 *
 * --quick shrinks the data (10×) and the iterations, to check the bench itself; its figures do
 * not count. The soak runs 60 minutes unless told otherwise. A run of some phases replaces those
 * phases' figures in tests/bench/results.json and keeps the others (each figure says when it was
 * measured). Everything listens on 127.0.0.1 only; temp folders, servers and Chromium are closed
 * at the end, also after a failure.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTempDirs } from './benchApp';
import { killHosts } from './browserHost';
import { formatTable, passes, writeReport, type Metric } from './report';
import { storeBench } from './storeBench';
import { syncBench } from './syncBench';
import { printBench } from './printBench';
import { bundleBench } from './bundleBench';
import { browserBench } from './browserBench';
import { importBench } from './importBench';
import { formatGrowth, growthRows, type GrowthRun } from './growth';

// backup right after store: it backs up and restores the store phase's store before sync takes it
const PHASES = ['store', 'backup', 'sync', 'growth', 'print', 'renderer', 'import', 'soak'] as const;
type Phase = (typeof PHASES)[number];

/** the store phase's data: 100,000 applications of 40,000 people (200 client enterprises of 200 foreign staff) */
const APPLICATIONS = 100_000;
const PEOPLE = 40_000;

function parseArgs(argv: readonly string[]): { phases: Phase[]; quick: boolean; soakMinutes: number } {
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : [...PHASES];
  const unknown = only.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown phase(s) ${unknown.join(', ')}; choose from ${PHASES.join(', ')}`);
  const soakAt = argv.indexOf('--soak-minutes');
  const quick = argv.includes('--quick');
  const soakMinutes = soakAt >= 0 ? Number(argv[soakAt + 1]) : quick ? 1 : 60;
  if (!(soakMinutes > 0)) throw new Error('--soak-minutes needs a positive number');
  // in the order of PHASES, whatever the order asked
  return { phases: PHASES.filter((p) => only.includes(p)), quick, soakMinutes };
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';

async function main(): Promise<number> {
  const { phases, quick, soakMinutes } = parseArgs(process.argv.slice(2));
  const loadAtStart = load();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const scale = quick ? 0.1 : 1;
  const iterations = quick ? 40 : 200;
  const started = Date.now();
  const metrics: (Metric & { phase: Phase })[] = [];
  const errors: string[] = [];
  const growth: GrowthRun[] = [];

  let storeDir: string | undefined;
  let phase: Phase = 'store';
  const add = (found: Metric[]) => void metrics.push(...found.map((m) => ({ ...m, phase })));
  const run: Record<Phase, () => Promise<void>> = {
    store: async () => {
      const applications = Math.round(APPLICATIONS * scale);
      const result = await storeBench({ applications, people: Math.round(PEOPLE * scale), iterations, log });
      storeDir = result.dataDir;
      add(result.metrics);
      growth.push({ applications, photos: true, metrics: result.metrics });
    },
    // the store phase's store when it ran, else a generated 1 GiB one
    backup: async () => add(await (await import('./backupBench')).backupBench({ megabytes: Math.round(1024 * scale), log, ...(storeDir ? { dataDir: storeDir } : {}) })),
    // on the store phase's 100,000 applications when it ran
    sync: async () => add(await syncBench({ uploads: Math.round(1000 * scale), results: Math.round(10_000 * scale), log, ...(storeDir ? { dataDir: storeDir } : {}) })),
    // the same reads at a tenth and at ten times the data (the latter without photos)
    growth: async () => {
      for (const [applications, people] of [
        [Math.round((APPLICATIONS / 10) * scale), Math.round((PEOPLE / 10) * scale)],
        [Math.round(APPLICATIONS * 10 * scale), 0],
      ] as const) {
        const result = await storeBench({ applications, people, iterations, log, readsOnly: true });
        growth.push({ applications, photos: people > 0, metrics: result.metrics });
        add(result.metrics.map((m) => ({ ...m, name: `[${applications.toLocaleString('en')}] ${m.name}`, target: undefined })));
        removeTempDirs([result.dataDir]);
      }
    },
    print: async () => add(await printBench({ iterations: quick ? 3 : 10, log })),
    renderer: async () => {
      add(bundleBench(path.join(root, 'dist', 'renderer')));
      add(await browserBench({ root, runs: quick ? 1 : 5, log }));
    },
    import: async () => add(await importBench({ rows: Math.round(5000 * scale), log })),
    soak: async () => add(await (await import('./soakBench')).soakBench({ minutes: soakMinutes, log })),
  };

  try {
    for (const p of phases) {
      phase = p;
      const t0 = Date.now();
      try {
        await run[p]();
      } catch (e) {
        const message = `${p}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
        errors.push(message);
        log(`FAILED ${message}`);
      }
      log(`${p} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    removeTempDirs();
  }

  const durationS = (Date.now() - started) / 1000;
  const loadAtEnd = load();
  process.stdout.write(
    `\nPermit Desk bench${quick ? ' (--quick: reduced data, figures do not count)' : ''} — ${os.cpus().length} CPU(s), Node ${process.version}, ` +
      `${durationS.toFixed(0)} s, 1-min load average ${loadAtStart} at start / ${loadAtEnd} at end\n\n`,
  );
  process.stdout.write(`${formatTable(metrics.filter((m) => !m.name.startsWith('[')))}\n`);
  const rows = growth.length > 1 ? growthRows(growth) : [];
  if (rows.length) process.stdout.write(`\nGrowth with the data (per-call p95 and size per application):\n\n${formatGrowth(growth, rows)}\n`);
  if (errors.length) process.stdout.write(`\n${errors.length} phase(s) failed:\n${errors.join('\n')}\n`);

  const file = path.join(root, 'tests', 'bench', 'results.json');
  if (quick) {
    process.stdout.write('\n(--quick: not written to tests/bench/results.json)\n');
  } else {
    const measuredAt = new Date(started).toISOString();
    writeReport(file, {
      startedAt: measuredAt,
      durationS,
      phases,
      machine: {
        node: process.version,
        platform: `${process.platform} ${os.release()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        memoryGB: Math.round(os.totalmem() / 1024 ** 3),
        loadAverage: { start: Number(loadAtStart), end: Number(loadAtEnd) },
      },
      metrics: metrics.map((m) => ({ ...m, ok: passes(m), measuredAt })),
      ...(rows.length ? { growth: rows } : {}),
      errors,
    });
    process.stdout.write(`\nfigures written to ${path.relative(process.cwd(), file)} (the phases run now replace their earlier figures)\n`);
  }
  return errors.length ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killHosts();
    removeTempDirs();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    killHosts();
    removeTempDirs();
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
