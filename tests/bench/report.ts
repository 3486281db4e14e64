/** The bench's output: one row per figure, printed as a table and written as JSON. */
import fs from 'node:fs';

export interface Target {
  /** the figure must be at most (≤) or at least (≥) `value` */
  op: '<=' | '>=';
  value: number;
}

export interface Metric {
  /** what was measured, e.g. "query: first page p95" */
  name: string;
  value: number;
  unit: string;
  /** absent: shown for information only */
  target?: Target;
  /** how it was measured (sample size, rows, caveats): kept in the JSON */
  note?: string;
}

export const passes = (m: Metric): boolean | null =>
  m.target ? (m.target.op === '<=' ? m.value <= m.target.value : m.value >= m.target.value) : null;

function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
}

const formatTarget = (m: Metric): string => (m.target ? `${m.target.op === '<=' ? '≤' : '≥'} ${formatValue(m.target.value, m.unit)}` : '—');

const okCell = (m: Metric): string => {
  const ok = passes(m);
  return ok === null ? '' : ok ? 'ok' : 'MISSED';
};

/** A plain-text table: metric | value | target | ok? */
export function formatTable(metrics: readonly Metric[]): string {
  const rows = [['metric', 'value', 'target', 'ok?'], ...metrics.map((m) => [m.name, formatValue(m.value, m.unit), formatTarget(m), okCell(m)])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0] as string[]), rule, ...rows.slice(1).map(line)].join('\n');
}

export interface BenchReport {
  startedAt: string;
  durationS: number;
  /** the phases this run measured */
  phases: readonly string[];
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGB: number; loadAverage: { start: number; end: number } };
  metrics: (Metric & { phase: string; ok: boolean | null; measuredAt: string })[];
  /** how the store's figures grow with the data (growth.ts) */
  growth?: unknown;
  errors: string[];
}

/**
 * Writes the run's figures; the figures of phases this run did not measure are kept from the
 * file as they were (each with its own measuredAt), so a phase can be re-measured alone.
 */
export function writeReport(file: string, report: BenchReport): void {
  let kept: BenchReport['metrics'] = [];
  let growth: unknown;
  try {
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchReport>;
    kept = (before.metrics ?? []).filter((m) => typeof m.phase === 'string' && !report.phases.includes(m.phase));
    growth = before.growth;
  } catch {
    // no earlier file (or not ours): this run's figures alone
  }
  const merged: BenchReport = { ...report, metrics: [...kept, ...report.metrics], ...(report.growth ?? growth ? { growth: report.growth ?? growth } : {}) };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}
