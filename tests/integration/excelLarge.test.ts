/** A 5,000-row import through `importXlsx` (no bridge): all rows land, in one transaction (the time is the bench's). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import fs from 'node:fs';
import { importXlsx } from '../../main/services/data/excelImport';
import { openTestApp, storedRecords, validRow, type TestApp } from '../helpers/dataFixtures';
import { templateFileWith } from '../helpers/xlsxFiles';

let app: TestApp;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ app, dir, cleanup } = await openTestApp());
});
afterEach(() => {
  app.close();
  cleanup();
});

it('imports 5,000 rows', { timeout: 180_000 }, async () => {
  const file = await templateFileWith(dir, 'license', Array.from({ length: 5000 }, (_, i) => validRow('license', i)));
  let events = 0;
  const off = app.onEvent((name) => {
    if (name === 'task:progress') events++;
  });
  const started = performance.now();
  const result = await importXlsx(app.core, 'license', file, { fileName: 'bench.xlsx' });
  const ms = performance.now() - started;
  off();
  console.log(`5,000-row import (${(fs.statSync(file).size / 1024).toFixed(0)} KiB xlsx): ${(ms / 1000).toFixed(2)} s`);
  expect(result).toMatchObject({ imported: 5000, total: 5000, invalid: [], cancelled: false });
  expect(events).toBeGreaterThan(50); // whole-percent progress
  expect(storedRecords(dir)).toHaveLength(5000);
});
