/**
 * The soak on its own, to check it or to run it long (after `npm run build`):
 *
 *   npx tsx tests/bench/soakCli.ts [--minutes 3]
 *
 * Prints the table on stdout; `npm run bench` runs it as its `soak` phase.
 */
import os from 'node:os';
import { removeTempDirs } from './benchApp';
import { killHosts } from './browserHost';
import { formatTable } from './report';
import { soakBench } from './soakBench';

const log = (line: string) => process.stderr.write(`[soak] ${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<void> {
  const at = process.argv.indexOf('--minutes');
  const minutes = at >= 0 ? Number(process.argv[at + 1]) : 3;
  log(`load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  try {
    const metrics = await soakBench({ minutes, log });
    process.stdout.write(`${formatTable(metrics)}\n`);
    for (const m of metrics) if (m.note) process.stdout.write(`- ${m.name}: ${m.note}\n`);
  } finally {
    log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    killHosts();
    removeTempDirs();
  }
}

const stop = () => {
  killHosts();
  removeTempDirs();
  process.exit(130);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
