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
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGB: number; loadAverage: { start: number; end: number } };
  metrics: (Metric & { ok: boolean | null })[];
  errors: string[];
}

export function writeReport(file: string, report: BenchReport): void {
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
