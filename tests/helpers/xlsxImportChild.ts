/**
 * Child process of the Excel import's memory test and bench: opens the app on a data folder,
 * imports one xlsx file and prints one JSON line: the refusal (or the result), the time, and the
 * peak RSS growth over the RSS measured just before the import.
 *   node --import tsx tests/helpers/xlsxImportChild.ts <dataDir> <kind|roster> <file>
 */
import { openApp } from '../../main/services';
import { importXlsx } from '../../main/services/data/excelImport';
import { importRosterXlsx } from '../../main/services/data/rosterExcel';
import { isDocumentKind } from '../../shared/documents';

const [dataDir, kind, file] = process.argv.slice(2);
if (!dataDir || !kind || !file) throw new Error('usage: xlsxImportChild <dataDir> <kind|roster> <file>');
const app = openApp({ dataDir, mode: 'browser', version: 'test', defaultBureauUrl: '' });
await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });

const rssBefore = process.memoryUsage().rss;
const peakBefore = process.resourceUsage().maxRSS * 1024;
const started = performance.now();
let refused: string | null = null;
let imported = 0;
try {
  const result = kind === 'roster' ? await importRosterXlsx(app.core, file) : isDocumentKind(kind) ? await importXlsx(app.core, kind, file) : null;
  imported = result?.imported ?? 0;
} catch (e) {
  refused = e instanceof Error ? e.message : String(e);
}
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
app.close();
process.stdout.write(
  `${JSON.stringify({
    refused,
    imported,
    ms,
    // a peak reached before the import (start-up) does not count as the import's
    peakGrowthBytes: peak > peakBefore ? peak - rssBefore : 0,
    peakBytes: peak,
  })}\n`,
);
