/**
 * Automatic daily backups into `<dataDir>/backups/`, keeping the newest N (default 7). A check at
 * start-up ("last backup older than a day?") and then every hour, from an unref'd timer. The
 * settings and the time of the last backup live in this module's own meta keys; they belong to
 * this computer, so a restore keeps them (see handlers.ts). Each is a sealed backup like 【备份】's
 * (backup.ts), taken without progress events.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupSettings } from '../../../shared/bridge/channels/data';
import type { Core, CoreGetter } from '../index';
import { createBackupFile, fileStamp, removeStaleTemps } from './backup';

export const SETTINGS_KEY = 'data.backup.settings';
export const LAST_KEY = 'data.backup.lastAt';
export const DEFAULT_KEEP = 7;
export const DAY_MS = 24 * 3600_000;
const AUTO_FILE = /^permit-desk-auto-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$/;

interface Stored {
  autoDaily: boolean;
  keep: number;
}

export const backupFolder = (core: Core): string => path.join(core.ports.dataDir, 'backups');

function stored(core: Core): Stored {
  const s = core.meta.get<Partial<Stored>>(SETTINGS_KEY) ?? {};
  return {
    autoDaily: typeof s.autoDaily === 'boolean' ? s.autoDaily : true,
    keep: typeof s.keep === 'number' && Number.isInteger(s.keep) && s.keep >= 1 ? Math.min(100, s.keep) : DEFAULT_KEEP,
  };
}

/** The automatic backups in the folder, oldest first. */
export function autoBackups(core: Core): { name: string; sizeBytes: number; at: string }[] {
  const folder = backupFolder(core);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, m: AUTO_FILE.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => (a.m[1] as string).localeCompare(b.m[1] as string) || Number(a.m[2] ?? 1) - Number(b.m[2] ?? 1))
    .map(({ name, m }) => {
      const s = m[1] as string;
      let sizeBytes = 0;
      try {
        sizeBytes = fs.statSync(path.join(folder, name)).size;
      } catch {
        // removed meanwhile
      }
      const at = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}+08:00`;
      return { name, sizeBytes, at: new Date(at).toISOString() };
    });
}

export function getBackupSettings(core: Core): BackupSettings {
  const s = stored(core);
  return { ...s, lastBackupAt: core.meta.get<string>(LAST_KEY), folder: backupFolder(core), files: autoBackups(core) };
}

export function saveBackupSettings(core: Core, patch: Partial<Stored>): BackupSettings {
  const next = { ...stored(core), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Stored;
  core.meta.put(SETTINGS_KEY, next);
  prune(core, next.keep);
  return getBackupSettings(core);
}

/** What a restore must carry over: this computer's settings, not the backup's. */
export function deviceState(core: Core): { settings: Stored; lastAt: string | null } {
  return { settings: stored(core), lastAt: core.meta.get<string>(LAST_KEY) };
}

export function restoreDeviceState(core: Core, state: { settings: Stored; lastAt: string | null }): void {
  core.meta.put(SETTINGS_KEY, state.settings);
  if (state.lastAt) core.meta.put(LAST_KEY, state.lastAt);
  else core.meta.delete(LAST_KEY);
}

/** Deletes the oldest automatic backups beyond `keep`. */
export function prune(core: Core, keep: number): string[] {
  const files = autoBackups(core);
  const gone = files.slice(0, Math.max(0, files.length - keep)).map((f) => f.name);
  for (const name of gone) fs.rmSync(path.join(backupFolder(core), name), { force: true });
  return gone;
}

/** Whether the automatic backup is due: enabled, and none yet or the last older than a day. */
export function backupDue(core: Core): boolean {
  const s = stored(core);
  if (!s.autoDaily) return false;
  const last = core.meta.get<string>(LAST_KEY);
  if (!last) return true;
  const age = core.now().getTime() - new Date(last).getTime();
  // a clock set back makes the last backup look future-dated: then take one too
  return !Number.isFinite(age) || age >= DAY_MS || age < -DAY_MS;
}

/** Takes one automatic backup now (whatever the schedule) and applies the retention. */
export async function runAutoBackup(core: Core): Promise<string> {
  const folder = backupFolder(core);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  removeStaleTemps(folder);
  const base = `permit-desk-auto-${fileStamp(core.now())}`;
  let name = `${base}.sqlite`;
  for (let i = 2; fs.existsSync(path.join(folder, name)); i++) name = `${base}-${i}.sqlite`;
  await createBackupFile(core, path.join(folder, name), { quiet: true });
  if (core.db.open) core.meta.put(LAST_KEY, core.now().toISOString());
  prune(core, stored(core).keep);
  core.log(`automatic backup: ${name}`);
  return name;
}

export interface AutoBackupOptions {
  /** how often the schedule is checked (default hourly) */
  intervalMs?: number;
  /** the start-up check runs this long after start (default 10 s, so start-up stays fast) */
  firstCheckMs?: number;
}

/** one schedule per data folder (the shell and the handlers may both ask for it) */
const running = new Map<string, { get: CoreGetter; stop: () => void }>();

/**
 * Starts the daily schedule for the app `get` serves: a check shortly after start, then every
 * `intervalMs`. Idempotent per data folder; the timers are unref'd and stop by themselves once
 * the app is closed. Returns a function that stops them.
 */
export function startAutoBackup(get: CoreGetter, options: AutoBackupOptions = {}): () => void {
  const key = path.resolve(get().ports.dataDir);
  const existing = running.get(key);
  if (existing) {
    if (existing.get().db.open) return existing.stop;
    existing.stop(); // left over from an app that was closed
  }
  let busy = false;
  let stopped = false;
  const check = async (): Promise<void> => {
    if (busy || stopped) return;
    const core = get();
    if (!core.db.open) {
      stop(); // the app was closed
      return;
    }
    if (!backupDue(core)) return;
    busy = true;
    try {
      await runAutoBackup(core);
    } catch (e) {
      if (core.db.open) core.log(`automatic backup failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void check(), options.firstCheckMs ?? 10_000);
  first.unref();
  const interval = setInterval(() => void check(), options.intervalMs ?? 3600_000);
  interval.unref();
  function stop(): void {
    stopped = true;
    clearTimeout(first);
    clearInterval(interval);
    if (running.get(key)?.stop === stop) running.delete(key);
  }
  running.set(key, { get, stop });
  return stop;
}
