/**
 * Excel import: a 5,000-row template of 《外国人就业许可证书》申请表 (the kind's own template, filled
 * with valid rows) through importXlsx, on a fresh store: parse, check every row, save them all.
 * Then the hostile file of issue 13: a 1,048,575-row workbook (exceljs's streaming writer, a few
 * MB), imported in a child process of its own: refused at the row limit while reading, the time
 * to the refusal and the child's peak RSS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importXlsx } from '../../main/services/data/excelImport';
import { TEMPLATE_SUBJECT_PREFIX, templateFields } from '../../main/services/data/columns';
import { filledTemplate, validRow } from '../helpers/dataFixtures';
import { writeMillionRowXlsx } from '../helpers/hostileXlsx';
import { importInChild } from '../helpers/runImportChild';
import { benchTempDir, openBenchApp, signInLocally } from './benchApp';
import type { Metric } from './report';
import { MB, timed } from './stats';

export async function importBench(options: { rows: number; log: (line: string) => void; hostileRows?: number }): Promise<Metric[]> {
  return [...(await validImport(options)), ...(await hostileImport(options.hostileRows ?? 1_048_575, options.log))];
}

async function validImport(options: { rows: number; log: (line: string) => void }): Promise<Metric[]> {
  const { rows } = options;
  const dir = benchTempDir('import');
  const file = path.join(dir, 'bench.xlsx');
  fs.writeFileSync(file, await filledTemplate('license', Array.from({ length: rows }, (_, i) => validRow('license', i))));
  const size = fs.statSync(file).size;
  options.log(`import: ${rows.toLocaleString('en')}-row template built (${(size / 1024).toFixed(0)} KiB); importing…`);
  fs.mkdirSync(path.join(dir, 'data'));
  const app = openBenchApp(path.join(dir, 'data'));
  try {
    await signInLocally(app);
    const { ms, value } = await timed(() => importXlsx(app.core, 'license', file, { fileName: 'bench.xlsx' }));
    if (value.imported !== rows) throw new Error(`imported ${value.imported} of ${rows} rows (${value.invalid.length} invalid)`);
    return [
      {
        name: `import ${rows.toLocaleString('en')}-row xlsx`,
        value: ms / 1000,
        unit: 's',
        target: { op: '<=', value: 10 },
        note: `importXlsx (main/services/data), ${(size / 1024).toFixed(0)} KiB file read as a stream, every row checked and saved in one transaction; ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`,
      },
    ];
  } finally {
    app.close();
  }
}

async function hostileImport(rows: number, log: (line: string) => void): Promise<Metric[]> {
  const dir = benchTempDir('import-hostile');
  const file = path.join(dir, 'rows.xlsx');
  const header = templateFields('license').map((f) => f.label);
  await writeMillionRowXlsx(file, header, `${TEMPLATE_SUBJECT_PREFIX}license`, rows);
  const size = fs.statSync(file).size;
  log(`import: ${rows.toLocaleString('en')}-row workbook written (${(size / MB).toFixed(1)} MiB); importing in a child process…`);
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  const result = await importInChild(dataDir, 'license', file);
  if (!result.refused || !/超过 20000 行/.test(result.refused)) {
    throw new Error(`the ${rows.toLocaleString('en')}-row workbook was not refused at the row limit: ${result.refused ?? `${result.imported} imported`}`);
  }
  const what = `${rows.toLocaleString('en')}-row xlsx (${(size / MB).toFixed(1)} MiB)`;
  return [
    {
      name: `import ${what}: refused, time to refusal`,
      value: result.ms / 1000,
      unit: 's',
      note: `importXlsx in a child process (tests/helpers/xlsxImportChild.ts), from the call to the refusal "${result.refused.split(' / ')[0]}"; nothing stored`,
    },
    {
      name: `import ${what}: peak RSS`,
      value: result.peakBytes / MB,
      unit: 'MiB',
      target: { op: '<=', value: 300 },
      note: `the child's maxRSS (resourceUsage): the app, its store and the import; ${(result.peakGrowthBytes / MB).toFixed(0)} MiB above its RSS just before the import`,
    },
  ];
}
