/**
 * The upgrade from one store per desk (permit-desk.sqlite in the data folder) to one store per
 * enterprise. The old store is migrated as before (with its pre-migration copy), then:
 * - it holds one enterprise's records (each record's employer USCC is that enterprise's, or empty):
 *   the file moves to that enterprise's folder;
 * - it holds several employers' records: each employer gets a store of its own with its records,
 *   their revisions, history, outbox rows and people; records naming no employer stay with the
 *   enterprise that signed in on the old store, and the split is reported;
 * - nobody ever signed in on it: it waits, unclaimed, for the first enterprise that signs in.
 * The old file is kept beside the new stores (permit-desk.before-split.sqlite).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EnterpriseProfile } from '../../../shared/bridge/contract';
import { checkUscc } from '../../../shared/validation';
import { DATABASE_FILE, openDatabase, type Db } from '../store/database';
import type { DeskSettings, DeskStore } from './deskStore';
import { ENTERPRISES_DIR, enterpriseDir, localKey } from './enterpriseDirs';

export const UNCLAIMED_DIR = '_unclaimed';
export const UPGRADE_REPORT = 'upgrade-report.json';

export interface UpgradeReport {
  at: string;
  /** the file that was upgraded */
  from: string;
  /** the enterprise the old store's sign-in belonged to, or null when nobody had signed in */
  owner: string | null;
  enterprises: { key: string; name: string; records: number; people: number }[];
  /** records that named no employer and were kept with the owner (or wait, unclaimed) */
  recordsWithoutEmployer: number;
  /** the old file waits for the first sign-in */
  unclaimed: boolean;
  /** where the old file was kept */
  keptAs: string | null;
}

const EMPLOYER = `UPPER(TRIM(COALESCE(json_extract(values_json, '$."employer.uscc"'), '')))`;
const EMPLOYER_NAME = `COALESCE(json_extract(values_json, '$."employer.name"'), '')`;

const moveStore = (from: string, to: string) => {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(from + suffix)) fs.renameSync(from + suffix, to + suffix);
  }
};

const closeCleanly = (db: Db) => {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
};

/** Copies the records chosen by `where` (over old.records), with everything hanging off them, into `target`. */
function copyInto(target: Db, oldFile: string, where: string, params: unknown[], withEverythingElse: boolean): { records: number; people: number } {
  target.pragma('foreign_keys = OFF');
  target.prepare('ATTACH DATABASE ? AS old').run(oldFile);
  try {
    return target.transaction(() => {
      target.exec('CREATE TEMP TABLE moving (id TEXT PRIMARY KEY) WITHOUT ROWID');
      target.prepare(`INSERT INTO temp.moving SELECT id FROM old.records WHERE ${where}`).run(...params);
      target.exec(`
        CREATE TEMP TABLE moving_people (id TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT OR IGNORE INTO temp.moving_people
          SELECT person_id FROM old.records WHERE id IN (SELECT id FROM temp.moving) AND person_id IS NOT NULL;
      `);
      if (withEverythingElse) {
        target.exec(`INSERT OR IGNORE INTO temp.moving_people SELECT id FROM old.people WHERE id NOT IN (SELECT person_id FROM old.records WHERE person_id IS NOT NULL)`);
      }
      const cols = (table: string) =>
        (target.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => `"${c.name}"`);
      const people = target.prepare(`INSERT INTO main.people SELECT ${cols('people').join(', ')} FROM old.people WHERE id IN (SELECT id FROM temp.moving_people)`).run().changes;
      // sources outside the moved set are dropped: a record never points into another enterprise
      const recordCols = cols('records').map((c) =>
        c === '"source_id"' ? `CASE WHEN source_id IN (SELECT id FROM temp.moving) THEN source_id END` : c,
      );
      const records = target
        .prepare(`INSERT INTO main.records SELECT ${recordCols.join(', ')} FROM old.records WHERE id IN (SELECT id FROM temp.moving) ORDER BY created_at, id`)
        .run().changes;
      for (const table of ['revisions', 'history', 'outbox']) {
        target.exec(`INSERT INTO main.${table} SELECT ${cols(table).join(', ')} FROM old.${table} WHERE record_id IN (SELECT id FROM temp.moving)`);
      }
      const historyCols = cols('person_history').map((c) =>
        c === '"record_id"' ? `CASE WHEN record_id IN (SELECT id FROM temp.moving) THEN record_id END` : c,
      );
      target.exec(`INSERT INTO main.person_history SELECT ${historyCols.join(', ')} FROM old.person_history WHERE person_id IN (SELECT id FROM temp.moving_people)`);
      if (withEverythingElse) {
        target.exec(`INSERT OR IGNORE INTO main.autosave SELECT ${cols('autosave').join(', ')} FROM old.autosave`);
        target.exec(`INSERT INTO main.meta (key, value) SELECT key, value FROM old.meta WHERE key <> 'session'
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
      }
      target.exec('DROP TABLE temp.moving; DROP TABLE temp.moving_people;');
      return { records, people };
    })();
  } finally {
    target.exec('DETACH DATABASE old');
    target.pragma('foreign_keys = ON');
  }
}

interface LegacyFacts {
  profile: EnterpriseProfile | null;
  session: { email: string; offline?: boolean; signedInAt?: string } | null;
  settings: Partial<{ language: DeskSettings['language']; bureauUrl: string; syncIntervalMinutes: number }>;
  printer: string | null;
  employers: { uscc: string; name: string; records: number }[];
}

function readFacts(db: Db): LegacyFacts {
  const meta = (key: string): unknown => {
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    try {
      return row ? JSON.parse(row.value) : null;
    } catch {
      return null;
    }
  };
  const employers = db
    .prepare(`SELECT ${EMPLOYER} AS uscc, MAX(${EMPLOYER_NAME}) AS name, COUNT(*) AS records FROM records GROUP BY 1`)
    .all() as LegacyFacts['employers'];
  return {
    profile: meta('profile') as EnterpriseProfile | null,
    session: meta('session') as LegacyFacts['session'],
    settings: (meta('settings') ?? {}) as LegacyFacts['settings'],
    printer: meta('print.printer') as string | null,
    employers,
  };
}

/** The desk's settings as the old store had them (only when the desk has none of its own yet). */
function adoptDeskSettings(desk: DeskStore, facts: LegacyFacts): void {
  if (Object.keys(desk.settings()).length > 0) return;
  const s = facts.settings;
  desk.saveSettings({
    ...(s.language === 'zh-CN' || s.language === 'en' ? { language: s.language } : {}),
    ...(typeof s.bureauUrl === 'string' ? { bureauUrl: s.bureauUrl } : {}),
    ...(Number.isInteger(s.syncIntervalMinutes) && (s.syncIntervalMinutes ?? 0) >= 1 && (s.syncIntervalMinutes ?? 0) <= 1440
      ? { syncIntervalMinutes: s.syncIntervalMinutes }
      : {}),
    ...(typeof facts.printer === 'string' ? { printer: facts.printer } : {}),
  });
}

/** Whose store the old one was: the enterprise that signed in on it, by the key its sign-in will look for. */
function ownerKey(facts: LegacyFacts, localDesk: boolean): string | null {
  const email = facts.profile?.email || facts.session?.email || '';
  if (localDesk) return email ? localKey(email) : null;
  const uscc = (facts.profile?.uscc ?? '').trim().toUpperCase();
  return uscc && checkUscc(uscc) === null ? uscc : null;
}

/**
 * Moves or splits the old store of `file` for `owner` (null: nobody signed in; then the records
 * naming no employer wait in the unclaimed folder). Returns what was done.
 */
function splitStore(dataDir: string, desk: DeskStore, file: string, facts: LegacyFacts, owner: string | null, now: Date): UpgradeReport {
  const ownerUscc = owner && !owner.startsWith('local-') ? owner : (facts.profile?.uscc ?? '').trim().toUpperCase();
  const others = facts.employers.filter((e) => e.uscc !== '' && e.uscc !== ownerUscc && checkUscc(e.uscc) === null);
  const withoutEmployer = facts.employers
    .filter((e) => e.uscc === '' || (e.uscc !== ownerUscc && checkUscc(e.uscc) !== null))
    .reduce((n, e) => n + e.records, 0);
  const report: UpgradeReport = {
    at: now.toISOString(),
    from: file,
    owner,
    enterprises: [],
    recordsWithoutEmployer: withoutEmployer,
    unclaimed: false,
    keptAs: null,
  };

  const ownerTarget = owner ? path.join(enterpriseDir(dataDir, owner), DATABASE_FILE) : path.join(dataDir, ENTERPRISES_DIR, UNCLAIMED_DIR, DATABASE_FILE);
  if (others.length === 0 && !fs.existsSync(ownerTarget)) {
    moveStore(file, ownerTarget);
    const total = facts.employers.reduce((n, e) => n + e.records, 0);
    if (owner) report.enterprises.push({ key: owner, name: facts.profile?.name ?? '', records: total, people: -1 });
    report.unclaimed = owner === null;
    return report;
  }

  for (const other of others) {
    const db = openDatabase(enterpriseDir(dataDir, other.uscc));
    try {
      const copied = copyInto(db, file, `${EMPLOYER} = ?`, [other.uscc], false);
      report.enterprises.push({ key: other.uscc, name: other.name, ...copied });
    } finally {
      closeCleanly(db);
    }
    if (!desk.enterprise(other.uscc)) desk.upsertEnterprise({ key: other.uscc, uscc: other.uscc, name: other.name });
  }
  const mine = others.length === 0 ? '1' : `${EMPLOYER} NOT IN (${others.map(() => '?').join(', ')})`;
  const db = openDatabase(path.dirname(ownerTarget));
  try {
    const copied = copyInto(db, file, mine, others.map((o) => o.uscc), true);
    if (owner) report.enterprises.push({ key: owner, name: facts.profile?.name ?? '', ...copied });
  } finally {
    closeCleanly(db);
  }
  report.unclaimed = owner === null;
  const keptAs = path.join(dataDir, `permit-desk.before-split-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`);
  moveStore(file, keptAs);
  report.keptAs = keptAs;
  return report;
}

function writeReport(dataDir: string, report: UpgradeReport, log: (line: string) => void): void {
  fs.writeFileSync(path.join(dataDir, UPGRADE_REPORT), JSON.stringify(report, null, 2), { mode: 0o600 });
  const parts = report.enterprises.map((e) => `${e.key} (${e.name || '—'}): ${e.records} records`);
  log(
    `upgraded the single store to one store per enterprise: ${parts.join('; ') || 'no enterprise yet'}` +
      (report.recordsWithoutEmployer ? `; ${report.recordsWithoutEmployer} records named no employer and stay with ${report.owner ?? 'the first enterprise to sign in'}` : '') +
      (report.keptAs ? `; the old file is kept as ${report.keptAs}` : ''),
  );
}

/**
 * Runs once at start: upgrades `<dataDir>/permit-desk.sqlite` if there is one. The desk's own
 * settings are taken from it when the desk has none yet; a signed-in session carries over.
 */
export function upgradeLegacyStore(dataDir: string, desk: DeskStore, localDesk: (settings: DeskSettings) => boolean, now: Date, log: (line: string) => void): UpgradeReport | null {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) return null;
  const db = openDatabase(dataDir, { log }); // migrates, with the pre-migration copy beside it
  let facts: LegacyFacts;
  try {
    facts = readFacts(db);
  } finally {
    closeCleanly(db);
  }
  adoptDeskSettings(desk, facts);
  const owner = ownerKey(facts, localDesk(desk.settings()));
  const report = splitStore(dataDir, desk, file, facts, owner, now);
  if (owner) {
    desk.upsertEnterprise(
      { key: owner, uscc: owner.startsWith('local-') ? (facts.profile?.uscc ?? '') : owner, name: facts.profile?.name ?? '', lastSignedInAt: facts.session?.signedInAt ?? null },
      facts.profile?.email || facts.session?.email || undefined,
    );
    if (facts.session?.email) {
      desk.setSession({ key: owner, email: facts.session.email, signedInAt: facts.session.signedInAt ?? now.toISOString(), offline: facts.session.offline ?? false });
    }
  }
  writeReport(dataDir, report, log);
  return report;
}

/**
 * The first enterprise to sign in after an upgrade of a store nobody had signed in on takes its
 * records: the unclaimed store moves to it, or its rows are copied in when it has a store already.
 */
export function claimUnclaimedStore(dataDir: string, key: string, now: Date, log: (line: string) => void): boolean {
  const file = path.join(dataDir, ENTERPRISES_DIR, UNCLAIMED_DIR, DATABASE_FILE);
  if (!fs.existsSync(file)) return false;
  const target = path.join(enterpriseDir(dataDir, key), DATABASE_FILE);
  if (!fs.existsSync(target)) {
    moveStore(file, target);
  } else {
    const db = openDatabase(path.dirname(target));
    try {
      copyInto(db, file, '1', [], true);
    } finally {
      closeCleanly(db);
    }
    moveStore(file, path.join(dataDir, `permit-desk.unclaimed-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`));
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  log(`the records of the upgraded store that nobody had signed in on now belong to ${key}`);
  return true;
}
