/**
 * The soak: the built browser-mode host as a child process (a private copy, see soakHost.ts) against
 * the sandbox bureau on 127.0.0.1, signed in as 珠江智造 (the fixtures' employer), doing `minutes`
 * of mixed work over its bridge (soakWork.ts) at a clerk's brisk pace. The host's VmRSS is sampled
 * every few seconds from /proc; its growth is the median of the last samples minus the median of
 * the first ones after a warm-up (caches filled, the PDF Chromium started), so that one sample taken
 * just before or after a garbage collection does not decide it. The PDF Chromium is separate
 * processes below the host: their summed RSS is reported for information.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_TODAY } from '../fixtures/documents';
import { distinctPhoto } from '../helpers/jpegPhotos';
import { bridgeUrl, connect, type BridgeClient } from '../helpers/wsClient';
import { createSandbox } from '../sandbox';
import { ZHUJIANG } from '../sandbox/testing';
import { benchClock, benchTempDir } from './benchApp';
import { startHost, type RunningHost } from './browserHost';
import type { Metric } from './report';
import { snapshotHost } from './soakHost';
import { sampleTree, type MemorySample } from './soakProc';
import { SoakWorker } from './soakWork';
import { MB } from './stats';

export interface SoakOptions {
  /** length of the soak; fractional for a quick check (0.5 = 30 s) */
  minutes: number;
  log: (line: string) => void;
}

/** the host's growth budget over the soak (issue 16) */
const GROWTH_TARGET_MIB = 50;
/** a round of work starts at most this often: a busy clerk, not a load test (the machine is shared) */
const ROUND_MS = 1500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const mib = (bytes: number) => bytes / MB;

/** the sample closest to each whole minute (and the end): the growth curve */
function minuteMarks(samples: readonly MemorySample[], totalMs: number): MemorySample[] {
  const marks: MemorySample[] = [];
  for (let t = 60_000; t < totalMs + 30_000; t += 60_000) {
    const target = Math.min(t, totalMs);
    const nearest = samples.reduce((best, s) => (Math.abs(s.atMs - target) < Math.abs(best.atMs - target) ? s : best));
    if (!marks.includes(nearest)) marks.push(nearest);
  }
  return marks;
}

const curveText = (marks: readonly MemorySample[], of: (s: MemorySample) => number = (s) => s.rss) =>
  marks.map((s) => `${(s.atMs / 60_000).toFixed(1)} min ${mib(of(s)).toFixed(0)} MiB`).join(', ');

export async function soakBench(options: SoakOptions): Promise<Metric[]> {
  const { minutes, log } = options;
  if (!(minutes > 0)) throw new Error(`soak: minutes must be positive, got ${minutes}`);
  const totalMs = minutes * 60_000;
  const warmupMs = Math.min(2 * 60_000, totalMs / 3);
  const sampleEveryMs = totalMs <= 5 * 60_000 ? 2000 : 5000;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const snapshot = snapshotHost(root);
  distinctPhoto(0); // encodes the base pictures (~3 s) before the clock starts

  const sandbox = await createSandbox({ clock: benchClock });
  let host: RunningHost | null = null;
  let client: BridgeClient | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    host = await startHost(snapshot.hostFile, {
      PERMIT_DESK_DATA_DIR: benchTempDir('soak-data'),
      PERMIT_DESK_BUREAU_URL: sandbox.url,
      PERMIT_DESK_CLOCK: FIXTURE_TODAY,
    });
    const pid = host.child.pid as number;
    client = await connect(bridgeUrl(host.url));
    const login = await client.call('auth:login', { email: ZHUJIANG.email, password: ZHUJIANG.password });
    if (!login.ok) throw new Error(`auth:login: ${login.error.message}`);
    const worker = new SoakWorker(client, sandbox);

    const samples: MemorySample[] = [];
    const started = performance.now();
    const take = () => {
      const s = sampleTree(pid, performance.now() - started);
      if (s) samples.push(s);
    };
    take();
    timer = setInterval(take, sampleEveryMs);
    log(`soak: ${minutes} min of mixed work on the host (pid ${pid}, built ${snapshot.builtAt.toISOString()}), warm-up ${(warmupMs / 60_000).toFixed(2)} min, RSS every ${sampleEveryMs / 1000} s…`);

    let rounds = 0;
    let nextReport = 60_000;
    for (;;) {
      const elapsed = performance.now() - started;
      if (elapsed >= totalMs) break;
      if (host.child.exitCode !== null || host.child.signalCode !== null) throw new Error(`the host exited during the soak (${host.child.exitCode ?? host.child.signalCode})`);
      const roundStarted = performance.now();
      await worker.round(rounds++);
      const now = performance.now() - started;
      if (now >= nextReport) {
        const last = samples[samples.length - 1];
        if (last) {
          log(`soak: ${(now / 60_000).toFixed(1)} min, ${rounds} rounds, host RSS ${mib(last.rss).toFixed(0)} MiB, Chromium RSS ${mib(last.childrenRss).toFixed(0)} MiB / PSS ${mib(last.childrenPss).toFixed(0)} MiB (${last.children} processes)`);
        }
        nextReport += 60_000;
      }
      await sleep(Math.min(ROUND_MS - (performance.now() - roundStarted), totalMs - now));
    }
    clearInterval(timer);
    take();
    const elapsedMs = performance.now() - started;
    const stored = await worker.stored();

    const after = samples.filter((s) => s.atMs >= warmupMs);
    if (after.length < 2) throw new Error(`soak: only ${after.length} samples after the warm-up; run longer`);
    const window = Math.max(1, Math.min(12, Math.floor(after.length / 5)));
    const first = after.slice(0, window);
    const last = after.slice(-window);
    const atWarmup = median(first.map((s) => s.rss));
    const atEnd = median(last.map((s) => s.rss));
    const chromiumAtWarmup = median(first.map((s) => s.childrenRss));
    const chromiumAtEnd = median(last.map((s) => s.childrenRss));
    const chromiumPssAtWarmup = median(first.map((s) => s.childrenPss));
    const chromiumPssAtEnd = median(last.map((s) => s.childrenPss));
    const maxAfter = Math.max(...after.map((s) => s.rss));
    const marks = minuteMarks(samples, elapsedMs);
    const curve = curveText(marks);
    const chromiumCurve = curveText(marks, (s) => s.childrenPss);
    log(`soak: host RSS curve: ${curve}`);
    log(`soak: PDF Chromium PSS curve: ${chromiumCurve}`);

    const windowText = `median of ${window} samples (${((window * sampleEveryMs) / 1000).toFixed(0)} s)`;
    const conditions = `${(elapsedMs / 60_000).toFixed(1)} min soak of dist/main/host.cjs (built ${snapshot.builtAt.toISOString()}), ${rounds} rounds of mixed work over the WebSocket bridge, one round at most every ${ROUND_MS / 1000} s; no forced GC`;
    const metrics: Metric[] = [
      {
        name: 'host RSS growth over the soak',
        value: mib(atEnd - atWarmup),
        unit: 'MiB',
        target: { op: '<=', value: GROWTH_TARGET_MIB },
        note: `VmRSS of the host process: ${windowText} at the end (${mib(atEnd).toFixed(0)} MiB) minus the same after a ${(warmupMs / 60_000).toFixed(1)} min warm-up (${mib(atWarmup).toFixed(0)} MiB); ${conditions}; ${after.length} samples every ${sampleEveryMs / 1000} s; at minute marks: ${curve}`,
      },
      { name: 'soak: host RSS after warm-up', value: mib(atWarmup), unit: 'MiB', note: windowText },
      { name: 'soak: host RSS at end', value: mib(atEnd), unit: 'MiB', note: windowText },
      { name: 'soak: host RSS max after warm-up', value: mib(maxAfter), unit: 'MiB', note: `max of ${after.length} samples; whole soak max ${mib(Math.max(...samples.map((s) => s.rss))).toFixed(0)} MiB` },
      {
        name: 'soak: PDF Chromium RSS after warm-up',
        value: mib(chromiumAtWarmup),
        unit: 'MiB',
        note: `summed VmRSS of the host's descendant processes (shared pages counted in each), ${windowText}; ${first[0]?.children ?? 0} processes`,
      },
      { name: 'soak: PDF Chromium RSS at end', value: mib(chromiumAtEnd), unit: 'MiB', note: `as above; ${last[last.length - 1]?.children ?? 0} processes` },
      {
        name: 'soak: PDF Chromium PSS growth',
        value: mib(chromiumPssAtEnd - chromiumPssAtWarmup),
        unit: 'MiB',
        note: `summed PSS (/proc/<pid>/smaps_rollup, shared pages split) of the host's descendants, ${windowText}: ${mib(chromiumPssAtWarmup).toFixed(0)} MiB after the warm-up, ${mib(chromiumPssAtEnd).toFixed(0)} MiB at the end; at minute marks: ${chromiumCurve}`,
      },
      { name: 'soak: minutes', value: elapsedMs / 60_000, unit: 'min', note: conditions },
      { name: 'soak: applications in the store at end', value: stored, unit: 'records', note: 'the three query pages\' totals (license, recruitment, hmt-permit), each with a ~100 KB JPEG photo' },
      ...[...worker.counts].map(([op, n]): Metric => ({ name: `soak: ${op}`, value: n, unit: 'ops', note: op.startsWith('bureau') ? 'by the sandbox reviewer' : 'bridge calls' })),
      {
        name: 'soak: bridge calls failed',
        value: worker.failures.length,
        unit: 'calls',
        ...(worker.failures.length ? { note: worker.failures.slice(0, 5).join(' | ') } : {}),
      },
    ];
    return metrics;
  } finally {
    clearInterval(timer);
    client?.close();
    await host?.stop();
    await sandbox.close();
  }
}
