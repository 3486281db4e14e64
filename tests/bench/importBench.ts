/**
 * Excel import: a 5,000-row template of 《外国人就业许可证书》申请表 (the kind's own template, filled
 * with valid rows) through importXlsx, on a fresh store: parse, check every row, save them all.
 */
import { importXlsx } from '../../main/services/data/handlers';
import { filledTemplate, validRow } from '../helpers/dataFixtures';
import { benchTempDir, openBenchApp, signInLocally } from './benchApp';
import type { Metric } from './report';
import { timed } from './stats';

export async function importBench(options: { rows: number; log: (line: string) => void }): Promise<Metric[]> {
  const { rows } = options;
  const bytes = await filledTemplate('license', Array.from({ length: rows }, (_, i) => validRow('license', i)));
  options.log(`import: ${rows.toLocaleString('en')}-row template built (${(bytes.length / 1024).toFixed(0)} KiB); importing…`);
  const app = openBenchApp(benchTempDir('import'));
  try {
    await signInLocally(app);
    const { ms, value } = await timed(() => importXlsx(app.core, 'license', bytes, { fileName: 'bench.xlsx' }));
    if (value.imported !== rows) throw new Error(`imported ${value.imported} of ${rows} rows (${value.invalid.length} invalid)`);
    return [
      {
        name: `import ${rows.toLocaleString('en')}-row xlsx`,
        value: ms / 1000,
        unit: 's',
        target: { op: '<=', value: 10 },
        note: `importXlsx (main/services/data), ${(bytes.length / 1024).toFixed(0)} KiB file, every row checked and saved in one transaction; ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`,
      },
    ];
  } finally {
    app.close();
  }
}
