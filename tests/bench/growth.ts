/**
 * How the store's figures grow with the data: the same reads measured at 10,000, 100,000 and
 * 1,000,000 applications (the last without photos), each figure's factor beside the data's.
 * A figure may not grow faster than the data (a per-call time should barely grow at all).
 */
import type { Metric } from './report';

export interface GrowthRun {
  applications: number;
  photos: boolean;
  metrics: readonly Metric[];
}

export interface GrowthRow {
  name: string;
  unit: string;
  /** the figure at each run's size (null: not measured there) */
  values: (number | null)[];
  /** figure factor between consecutive runs, and the data's factor */
  factors: ({ figure: number; data: number } | null)[];
  /** false when a factor exceeds the data's */
  ok: boolean;
}

/** The figures compared: per-call times and the size per application. */
const COMPARED = /^(query .* p95|open a record with its photo p95|store size per application)$/;

export function growthRows(runs: readonly GrowthRun[]): GrowthRow[] {
  const sorted = [...runs].sort((a, b) => a.applications - b.applications);
  const names = [...new Set(sorted.flatMap((r) => r.metrics.map((m) => m.name)))].filter((n) => COMPARED.test(n));
  return names.map((name) => {
    const found = sorted.map((r) => r.metrics.find((m) => m.name === name) ?? null);
    const values = found.map((m) => m?.value ?? null);
    const factors = values.slice(1).map((v, i) => {
      const before = values[i];
      const a = sorted[i] as GrowthRun;
      const b = sorted[i + 1] as GrowthRun;
      // sizes with and without photos are not the same quantity
      if (v === null || before === null || before === undefined || (name.startsWith('store size') && a.photos !== b.photos)) return null;
      return { figure: v / before, data: b.applications / a.applications };
    });
    return {
      name,
      unit: found.find((m) => m)?.unit ?? '',
      values,
      factors,
      ok: factors.every((f) => f === null || f.figure <= f.data),
    };
  });
}

export function formatGrowth(runs: readonly GrowthRun[], rows: readonly GrowthRow[]): string {
  const sorted = [...runs].sort((a, b) => a.applications - b.applications);
  const head = [
    'figure',
    ...sorted.map((r) => `${r.applications.toLocaleString('en')}${r.photos ? '' : ' (no photos)'}`),
    ...sorted.slice(1).map((r, i) => `×${(r.applications / (sorted[i] as GrowthRun).applications).toFixed(0)} data →`),
    'ok?',
  ];
  const cell = (v: number | null, unit: string) => (v === null ? '—' : `${v.toFixed(v >= 100 ? 0 : 2)} ${unit}`);
  const body = rows.map((r) => [
    r.name,
    ...r.values.map((v) => cell(v, r.unit)),
    ...r.factors.map((f) => (f ? `×${f.figure.toFixed(2)}` : '—')),
    r.ok ? 'ok' : 'GROWS FASTER',
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((x, c) => x.padEnd(widths[c] as number)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
