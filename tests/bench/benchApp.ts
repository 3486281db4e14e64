/** The real application core on a temporary data folder, with the fixtures' clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type OpenOptions } from '../../main/services';
import type { Envelope } from '../../shared/bridge/envelope';
import { FIXTURE_TODAY } from '../fixtures/documents';

export type BenchApp = ReturnType<typeof openApp>;

/** 10:00 China time on the day the fixtures are valid. */
export const BENCH_NOW = new Date(`${FIXTURE_TODAY}T02:00:00Z`);
export const benchClock = (): Date => BENCH_NOW;

/** Every temporary folder the bench made; removed by removeTempDirs() (also on failure). */
const made: string[] = [];

export function benchTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `permit-desk-bench-${label}-`));
  made.push(dir);
  return dir;
}

/** Removes the bench's temporary folders: all of them, or those in `only` (a large store as soon as it is done with). */
export function removeTempDirs(only?: readonly string[]): void {
  const gone = only ? made.filter((d) => only.includes(d)) : made.slice();
  for (const dir of gone) {
    fs.rmSync(dir, { recursive: true, force: true });
    made.splice(made.indexOf(dir), 1);
  }
}

/**
 * openApp on `dataDir`; `bureauUrl` '' = no bureau (sign-in stays local). The daily automatic
 * backup and the reminders are off: a backup starting 10 s after opening would land in the
 * middle of a timed loop.
 */
export function openBenchApp(dataDir: string, bureauUrl = '', options: OpenOptions = {}): BenchApp {
  return openApp({ dataDir, mode: 'browser', version: 'bench', defaultBureauUrl: bureauUrl, now: benchClock }, { backgroundJobs: false, ...options });
}

/** A bridge call through the app's dispatcher (the same path IPC and browser mode use). */
export async function call<T>(app: BenchApp, channel: string, payload: unknown): Promise<T> {
  const e = (await app.dispatch(channel, payload)) as Envelope<T>;
  if (!e.ok) throw new Error(`${channel}: ${e.error.code}: ${e.error.message}`);
  return e.value;
}

/** Signs in without a bureau (local sign-in): enough for every records channel. */
export async function signInLocally(app: BenchApp): Promise<void> {
  await call(app, 'auth:login', { email: 'bench@example.com', password: 'bench-password' });
}
