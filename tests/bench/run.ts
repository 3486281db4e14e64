/**
 * `npm run bench` (after `npm run build`): store, sync, print, renderer and import figures in one
 * run on temporary data, one table on stdout, the figures in tests/bench/results.json.
 *
 *   npx tsx tests/bench/run.ts [--only store,sync,print,renderer,import,backup] [--quick]
 *
 * --quick shrinks the data (10×) and the iterations, to check the bench itself; its figures do
 * not count. Everything listens on 127.0.0.1 only; temp folders, servers and Chromium are closed
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

const PHASES = ['store', 'sync', 'print', 'renderer', 'import', 'backup'] as const;
type Phase = (typeof PHASES)[number];

function parseArgs(argv: readonly string[]): { phases: Phase[]; quick: boolean } {
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : [...PHASES];
  const unknown = only.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown phase(s) ${unknown.join(', ')}; choose from ${PHASES.join(', ')}`);
  return { phases: only as Phase[], quick: argv.includes('--quick') };
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';

async function main(): Promise<number> {
  const { phases, quick } = parseArgs(process.argv.slice(2));
  const loadAtStart = load();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const scale = quick ? 0.1 : 1;
  const iterations = quick ? 40 : 200;
  const started = Date.now();
  const metrics: Metric[] = [];
  const errors: string[] = [];

  let storeDir: string | undefined;
  const add = (found: Metric[]) => void metrics.push(...found);
  const run: Record<Phase, () => Promise<void>> = {
    store: async () => {
      const result = await storeBench({ applications: Math.round(100_000 * scale), iterations, log });
      storeDir = result.dataDir;
      add(result.metrics);
    },
    // on the store phase's 100,000 applications when it ran
    sync: async () => add(await syncBench({ uploads: Math.round(1000 * scale), results: Math.round(10_000 * scale), log, ...(storeDir ? { dataDir: storeDir } : {}) })),
    print: async () => add(await printBench({ iterations: quick ? 3 : 10, log })),
    renderer: async () => {
      add(bundleBench(path.join(root, 'dist', 'renderer')));
      add(await browserBench({ root, runs: quick ? 1 : 5, log }));
    },
    import: async () => add(await importBench({ rows: Math.round(5000 * scale), log })),
    backup: async () => add(await (await import('./backupBench')).backupBench({ megabytes: Math.round(1024 * scale), log })),
  };

  try {
    for (const phase of phases) {
      const t0 = Date.now();
      try {
        await run[phase]();
      } catch (e) {
        const message = `${phase}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
        errors.push(message);
        log(`FAILED ${message}`);
      }
      log(`${phase} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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
  process.stdout.write(`${formatTable(metrics)}\n`);
  if (errors.length) process.stdout.write(`\n${errors.length} phase(s) failed:\n${errors.join('\n')}\n`);

  const file = path.join(root, 'tests', 'bench', 'results.json');
  if (quick || phases.length !== PHASES.length) {
    process.stdout.write('\n(not written to tests/bench/results.json: only a full run of every phase is)\n');
  } else {
    writeReport(file, {
      startedAt: new Date(started).toISOString(),
      durationS,
      machine: {
        node: process.version,
        platform: `${process.platform} ${os.release()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        memoryGB: Math.round(os.totalmem() / 1024 ** 3),
        loadAverage: { start: Number(loadAtStart), end: Number(loadAtEnd) },
      },
      metrics: metrics.map((m) => ({ ...m, ok: passes(m) })),
      errors,
    });
    process.stdout.write(`\nfigures written to ${path.relative(process.cwd(), file)}\n`);
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
