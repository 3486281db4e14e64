/**
 * Playwright fixtures: every test gets its own sandbox bureau (in this process, on loopback) and
 * its own browser-mode host (the real built app, dist/main/host.cjs) on a free loopback port with an
 * empty data folder, pointed at that bureau.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, type Sandbox } from '../sandbox';

export interface RunningApp {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  process: ChildProcess;
}

/** the date the fixtures were written for; the host's clock is pinned to it */
export const TEST_TODAY = '2026-11-28';

export async function startBrowserMode(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const hostFile = path.resolve('dist/main/host.cjs');
  if (!fs.existsSync(hostFile)) throw new Error('dist/main/host.cjs is missing: run `npm run build` first');
  const child = spawn(process.execPath, [hostFile], {
    env: { ...process.env, PERMIT_DESK_DATA_DIR: dataDir, PERMIT_DESK_PORT: '0', PERMIT_DESK_CLOCK: TEST_TODAY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL in time\n${out}\n${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}\n${out}\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return { url, port: Number(parsed.port), token: parsed.searchParams.get('token') ?? '', dataDir, process: child };
}

export async function stopBrowserMode(app: RunningApp): Promise<void> {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    app.process.once('exit', () => resolve());
    app.process.kill('SIGTERM');
  });
}

/** The sandbox bureau's clock: the fixtures' day. */
const bureauClock = () => new Date(`${TEST_TODAY}T04:00:00Z`);

export const test = base.extend<{ bureau: Sandbox; app: RunningApp }>({
  bureau: async ({}, use) => {
    const sandbox = await createSandbox({ clock: bureauClock });
    await use(sandbox);
    await sandbox.close();
  },
  app: async ({ bureau }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `permit-desk-e2e-${testInfo.workerIndex}-`));
    const app = await startBrowserMode(dataDir, { PERMIT_DESK_BUREAU_URL: bureau.url });
    await use(app);
    await stopBrowserMode(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'demo-password';

/** Signs in through the login page and waits for the 劳动就业 menu. */
export async function login(page: Page, app: RunningApp, email = DEMO_EMAIL, password = DEMO_PASSWORD): Promise<void> {
  try {
    await page.goto(app.url);
  } catch (e) {
    // already on the app: its own router (after a sign-out) went to #/login first, which is where this goes too
    if (!/interrupted by another navigation/.test(String(e))) throw e;
    await page.waitForLoadState();
  }
  await page.getByLabel('企业邮箱', { exact: true }).fill(email);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('劳动就业', { exact: true }).first()).toBeVisible();
}
