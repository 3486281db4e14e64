/**
 * Browser mode as a user meets it: the built host spawned on a data folder holding applications,
 * Chromium (already running) opening its URL. Timed: spawn → login page visible, and the click on
 * 登录 (against the sandbox bureau) → the query page showing its first page of rows. Each run is
 * a new host process and a new browser context (empty cache).
 */
import { chromium, type Browser } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CHROMIUM } from '../../main/host/chromiumPdf';
import { DEMO } from '../sandbox/testing';
import { createSandbox } from '../sandbox';
import { VALID_VALUES, FIXTURE_TODAY } from '../fixtures/documents';
import { benchClock, benchTempDir, call, openBenchApp } from './benchApp';
import { startHost } from './browserHost';
import type { Metric } from './report';
import { letters } from '../helpers/letters';
import { QUERY_PAGE_SIZE } from './storeBench';
import { percentile } from './stats';

export interface BrowserBenchOptions {
  root: string;
  runs: number;
  log: (line: string) => void;
}

/** The launch arguments the brief names (a user's own Chromium, not the PDF renderer's). */
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SEEDED = 25;

/** Drafts of the enterprise the run signs in as (DEMO, through the sandbox): each enterprise has its own store. */
async function seedDrafts(dataDir: string, bureauUrl: string): Promise<void> {
  const app = openBenchApp(dataDir, bureauUrl);
  try {
    await call(app, 'auth:login', { email: DEMO.email, password: DEMO.password });
    for (let i = 0; i < SEEDED; i++) {
      await call(app, 'records:save', { kind: 'license', values: { ...VALID_VALUES.license, 'person.nameEn': `JOHN MICHAEL SMITH ${letters(i)}` } });
    }
    await call(app, 'auth:logout', {}); // the session would survive the restart and skip the login page
  } finally {
    app.close();
  }
}

export async function browserBench(options: BrowserBenchOptions): Promise<Metric[]> {
  const sandbox = await createSandbox({ clock: benchClock });
  const seeded = benchTempDir('browser-seed');
  await seedDrafts(seeded, sandbox.url);
  let browser: Browser | null = null;
  const toLogin: number[] = [];
  const toUrl: number[] = [];
  const toRows: number[] = [];
  let rowsShown = 0;
  try {
    browser = await chromium.launch({ executablePath: process.env.PERMIT_DESK_CHROMIUM || DEFAULT_CHROMIUM, headless: true, args: BROWSER_ARGS });
    for (let run = 0; run < options.runs; run++) {
      // a copy per run: the sign-in of one run would otherwise skip the next run's login page
      const dataDir = benchTempDir(`browser-${run}`);
      fs.cpSync(seeded, dataDir, { recursive: true });
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      const host = await startHost(path.join(options.root, 'dist', 'main', 'host.cjs'), {
        PERMIT_DESK_DATA_DIR: dataDir,
        PERMIT_DESK_BUREAU_URL: sandbox.url,
        PERMIT_DESK_CLOCK: FIXTURE_TODAY,
      });
      try {
        toUrl.push(host.urlAfterMs);
        await page.goto(`${host.url}#/license/query`);
        const loginButton = page.getByRole('button', { name: '登录', exact: true });
        await loginButton.waitFor({ state: 'visible' });
        toLogin.push(performance.now() - host.spawnedAt);

        await page.getByLabel('企业邮箱', { exact: true }).fill(DEMO.email);
        await page.getByLabel('密码', { exact: true }).fill(DEMO.password);
        const clicked = performance.now();
        await loginButton.click();
        const rows = page.locator('tbody tr');
        await rows.nth(QUERY_PAGE_SIZE - 1).waitFor({ state: 'visible' });
        toRows.push(performance.now() - clicked);
        rowsShown = await rows.count();
      } finally {
        await context.close();
        await host.stop();
      }
    }
  } finally {
    await browser?.close();
    await sandbox.close();
  }
  const runs = `median of ${options.runs} runs (each a new host process and browser context)`;
  return [
    { name: 'host start → URL printed', value: percentile(toUrl, 50), unit: 'ms', note: `${runs}: ${toUrl.map((t) => t.toFixed(0)).join(', ')} ms` },
    {
      name: 'host start → login page visible',
      value: percentile(toLogin, 50),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
      note: `spawn of dist/main/host.cjs to the 登录 button visible in Chromium (already running); ${runs}: ${toLogin.map((t) => t.toFixed(0)).join(', ')} ms`,
    },
    {
      name: `login → query page with ${rowsShown} rows`,
      value: percentile(toRows, 50),
      unit: 'ms',
      note: `click on 登录 (${DEMO.email}, sandbox bureau) to the license query page showing its first ${rowsShown} rows (the page shows ${QUERY_PAGE_SIZE} a page; ${SEEDED} seeded); ${runs}: ${toRows.map((t) => t.toFixed(0)).join(', ')} ms`,
    },
  ];
}
