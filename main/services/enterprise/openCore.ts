/**
 * Opens one enterprise's store and builds its services: the core of the signed-in enterprise.
 * Nothing here reaches another enterprise's folder, secrets or cursor.
 */
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from '../store/database';
import { MetaStore } from '../store/meta';
import { RecordStore } from '../records/recordStore';
import { RecordService } from '../records/recordService';
import { SessionService } from '../auth/session';
import { SettingsService, type DeskSettingsService } from '../settings';
import { AutosaveService } from '../autosave';
import type { EventHub } from '../events';
import type { Tasks } from '../tasks';
import { chinaDate } from '../clock';
import { createBureauClient, type BureauClient } from '../bureau';
import { Outbox } from '../sync/outbox';
import { SyncEngine } from '../sync/syncEngine';
import { createPrintService } from '../print';
import { startAutoBackup } from '../data/autoBackup';
import { startReminders } from '../roster/reminders';
import type { AppPorts, SecretStore } from '../app';
import type { Core, OpenOptions } from '../core';
import type { DeskStore } from '../desk/deskStore';
import { enterpriseDir, isUsccKey } from '../desk/enterpriseDirs';
import { scopedSecrets } from './scopedSecrets';

export interface DeskServices {
  ports: AppPorts;
  desk: DeskStore;
  deskSettings: DeskSettingsService;
  events: EventHub;
  tasks: Tasks;
  /** the desk's secret store; each enterprise sees only its own names in it */
  secrets: SecretStore;
  now: () => Date;
  log: (line: string) => void;
  notify: (title: string, body: string) => void;
  options: OpenOptions;
}

/** An open enterprise: its current core (a restore swaps it) and how to close it. */
export interface OpenEnterprise {
  readonly key: string;
  core(): Core;
  close(): void;
}

export function openEnterprise(desk: DeskServices, key: string): OpenEnterprise {
  const dir = enterpriseDir(desk.ports.dataDir, key);
  const dbFile = path.join(dir, DATABASE_FILE);
  const ports: AppPorts = { ...desk.ports, dataDir: dir };
  const secrets = scopedSecrets(desk.secrets, key);
  const { now, log, events, tasks, notify, options } = desk;

  const build = (): Core => {
    const db = openDatabase(dir, { log });
    const meta = new MetaStore(db);
    const settings = new SettingsService(meta, desk.deskSettings);
    let cachedClient: { url: string; client: BureauClient } | null = null;
    const bureau = (): BureauClient | null => {
      const url = settings.get().bureauUrl.trim();
      if (!url) return null;
      if (cachedClient?.url !== url) {
        cachedClient = {
          url,
          client: createBureauClient({
            baseUrl: url,
            timeoutMs: options.bureauTimeoutMs ?? 15_000,
            getToken: () => secrets.get('bureau.token'),
            // a token the client will not send (another bureau's, or from before tokens were bound) is dropped
            onTokenRefused: () => secrets.delete('bureau.token'),
          }),
        };
      }
      return cachedClient.client;
    };
    const today = () => chinaDate(now());
    const recordStore = new RecordStore(db);
    const records = new RecordService(recordStore, () => ({ today: today(), minimumWage: settings.get().minimumWage }), now);
    const session = new SessionService(meta, secrets, desk.desk, key, now);
    const sync = new SyncEngine({
      outbox: new Outbox(db),
      records,
      meta,
      transaction: (fn) => recordStore.transaction(fn),
      client: bureau,
      events,
      log,
      now,
      notify,
      // belt and braces: nothing is uploaded whose employer is not the signed-in enterprise
      tasks,
      enterpriseUscc: () => (isUsccKey(key) ? key : (session.current()?.uscc ?? null)),
      ...options.sync,
    });
    const print = createPrintService({
      records: { get: (id) => records.get(id) },
      pdf: ports.pdf,
      printers: ports.printers,
      remember: { get: () => desk.deskSettings.printer(), set: (name) => desk.deskSettings.savePrinter(name) },
      profile: () => session.current()?.name ?? '',
      notice: (id) => recordStore.get(id)?.notice as Record<string, unknown> | null,
      now,
      log,
    });
    return {
      ports,
      enterprise: { key, dir },
      db,
      dbFile,
      now,
      log,
      meta,
      records,
      recordStore,
      session,
      settings,
      autosave: new AutosaveService(db, now),
      events,
      tasks,
      sync,
      print,
      secrets,
      bureau,
      today,
      notify,
      reopenStore,
    };
  };

  let core = build();
  const get = () => core;

  function reopenStore(replace: (file: string) => void): void {
    core.sync.stop();
    core.db.close();
    try {
      replace(dbFile);
    } finally {
      core = build();
      core.sync.schedule(core.settings.get().syncIntervalMinutes);
    }
  }

  core.sync.schedule(core.settings.get().syncIntervalMinutes);
  const stopBackground = options.backgroundJobs === false ? [] : [startAutoBackup(get), startReminders(get)];

  let closed = false;
  return {
    key,
    core: get,
    close() {
      if (closed) return;
      closed = true;
      for (const stop of stopBackground) stop();
      core.sync.stop();
      const pendingUploads = core.sync.status().pending;
      core.db.close();
      try {
        if (desk.desk.enterprise(key)) desk.desk.upsertEnterprise({ key, pendingUploads });
      } catch (e) {
        log(`could not note the pending uploads of ${key}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}
