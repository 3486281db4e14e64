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
import Database from 'better-sqlite3';
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
  /** why several employers' records were not split (a desk with no bureau) */
  notSplit?: string;
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

/** Meta keys that belong to the account that signed in on the old store, never to another enterprise. */
const ACCOUNT_META = ['session', 'profile', 'offline-credential'];
/** The bureau's cursors: positions in one account's feeds. */
const CURSOR_META = ['sync.cursor', 'sync.permitCursor'];

interface CopyPlan {
  /** which records of old.records move (SQL over old.records) */
  where: string;
  params: unknown[];
  /**
   * what else comes along: 'owner' — every other person, autosave and meta key but the session
   * (and the cursors when `resetCursors`); 'claim' — the same, but nothing of the old account and
   * no key the target has already; 'none' — only what hangs off the moved records.
   */
  rest: 'owner' | 'claim' | 'none';
  resetCursors?: boolean;
}

/**
 * Copies the records chosen by the plan (with their revisions, history, outbox rows, people and
 * autosaves) into `target`. Every insert skips what the target already holds, so a copy that was
 * interrupted (a crash, a kill) is simply completed by the next start.
 */
function copyInto(target: Db, oldFile: string, plan: CopyPlan): { records: number; people: number } {
  target.pragma('foreign_keys = OFF');
  target.prepare('ATTACH DATABASE ? AS old').run(oldFile);
  try {
    return target.transaction(() => {
      target.exec('CREATE TEMP TABLE moving (id TEXT PRIMARY KEY) WITHOUT ROWID');
      target.prepare(`INSERT INTO temp.moving SELECT id FROM old.records WHERE ${plan.where}`).run(...plan.params);
      target.exec(`
        CREATE TEMP TABLE moving_people (id TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT OR IGNORE INTO temp.moving_people
          SELECT person_id FROM old.records WHERE id IN (SELECT id FROM temp.moving) AND person_id IS NOT NULL;
      `);
      if (plan.rest !== 'none') {
        target.exec(`INSERT OR IGNORE INTO temp.moving_people SELECT id FROM old.people WHERE id NOT IN (SELECT person_id FROM old.records WHERE person_id IS NOT NULL)`);
      }
      const cols = (table: string) =>
        (target.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => `"${c.name}"`);
      // the photos and files of what moves, before the rows that refer to them (the old store is migrated: it has blobs)
      const refsOf = (table: string, rows: string) =>
        `SELECT substr(j.value, 13) FROM old.${table} t, json_each(t.values_json) j
          WHERE ${rows} AND j.type = 'text' AND length(j.value) = 76 AND j.value GLOB 'blob:sha256:*'`;
      target.exec(
        `INSERT OR IGNORE INTO main.blobs SELECT ${cols('blobs').join(', ')} FROM old.blobs WHERE sha256 IN (
           ${refsOf('records', 't.id IN (SELECT id FROM temp.moving)')}
           UNION ${refsOf('revisions', 't.record_id IN (SELECT id FROM temp.moving)')}
           UNION ${refsOf('people', 't.id IN (SELECT id FROM temp.moving_people)')})`,
      );
      const people = target
        .prepare(
          `INSERT INTO main.people SELECT ${cols('people').join(', ')} FROM old.people
           WHERE id IN (SELECT id FROM temp.moving_people) AND id NOT IN (SELECT id FROM main.people)`,
        )
        .run().changes;
      // sources outside the moved set are dropped: a record never points into another enterprise
      const recordCols = cols('records').map((c) =>
        c === '"source_id"' ? `CASE WHEN source_id IN (SELECT id FROM temp.moving) THEN source_id END` : c,
      );
      const records = target
        .prepare(
          `INSERT INTO main.records SELECT ${recordCols.join(', ')} FROM old.records
           WHERE id IN (SELECT id FROM temp.moving) AND id NOT IN (SELECT id FROM main.records) ORDER BY created_at, id`,
        )
        .run().changes;
      const notYet: Record<string, string> = {
        revisions: '(record_id, revision) NOT IN (SELECT record_id, revision FROM main.revisions)',
        history: 'id NOT IN (SELECT id FROM main.history)',
        outbox: '(record_id, revision) NOT IN (SELECT record_id, revision FROM main.outbox)',
      };
      for (const table of ['revisions', 'history', 'outbox']) {
        target.exec(`INSERT INTO main.${table} SELECT ${cols(table).join(', ')} FROM old.${table} WHERE record_id IN (SELECT id FROM temp.moving) AND ${notYet[table]}`);
      }
      const historyCols = cols('person_history').map((c) =>
        c === '"record_id"' ? `CASE WHEN record_id IN (SELECT id FROM temp.moving) THEN record_id END` : c,
      );
      target.exec(
        `INSERT INTO main.person_history SELECT ${historyCols.join(', ')} FROM old.person_history
         WHERE person_id IN (SELECT id FROM temp.moving_people) AND id NOT IN (SELECT id FROM main.person_history)`,
      );
      // a form's autosave (form:<kind>:<record id>) goes with its record; the others with the owner
      const formOfOthers = `key IN (SELECT 'form:' || kind || ':' || id FROM old.records WHERE id NOT IN (SELECT id FROM temp.moving))`;
      const formOfMoved = `key IN (SELECT 'form:' || kind || ':' || id FROM old.records WHERE id IN (SELECT id FROM temp.moving))`;
      const autosaves = plan.rest === 'none' ? formOfMoved : `NOT ${formOfOthers}`;
      target.exec(`INSERT OR IGNORE INTO main.autosave SELECT ${cols('autosave').join(', ')} FROM old.autosave WHERE ${autosaves}`);
      if (plan.rest !== 'none') {
        const excluded = [...(plan.rest === 'claim' ? ACCOUNT_META : ['session']), ...(plan.resetCursors || plan.rest === 'claim' ? CURSOR_META : [])];
        const keys = excluded.map((k) => `'${k}'`).join(', ');
        target.exec(
          plan.rest === 'claim'
            ? `INSERT OR IGNORE INTO main.meta (key, value) SELECT key, value FROM old.meta WHERE key NOT IN (${keys})`
            : `INSERT INTO main.meta (key, value) SELECT key, value FROM old.meta WHERE key NOT IN (${keys})
               ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        );
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
 * naming no employer wait in the unclaimed folder). On a desk with no bureau every store is keyed
 * by a sign-in email, so the records stay together with the owner. Safe to run again after an
 * interruption: every copy skips what is already there, and the old file goes last.
 */
function splitStore(dataDir: string, desk: DeskStore, file: string, facts: LegacyFacts, owner: string | null, localDesk: boolean, now: Date): UpgradeReport {
  const ownerUscc = owner && !owner.startsWith('local-') ? owner : (facts.profile?.uscc ?? '').trim().toUpperCase();
  const named = facts.employers.filter((e) => e.uscc !== '' && e.uscc !== ownerUscc && checkUscc(e.uscc) === null);
  const others = localDesk ? [] : named;
  const withoutEmployer = facts.employers
    .filter((e) => e.uscc === '' || (e.uscc !== ownerUscc && checkUscc(e.uscc) !== null))
    .reduce((n, e) => n + e.records, 0);
  const report: UpgradeReport = {
    at: now.toISOString(),
    from: file,
    owner,
    enterprises: [],
    recordsWithoutEmployer: withoutEmployer,
    unclaimed: owner === null,
    keptAs: null,
    ...(localDesk && named.length > 0 ? { notSplit: `${named.length} other employer(s) kept with the owner: a desk with no bureau signs in by email` } : {}),
  };

  const ownerTarget = owner ? path.join(enterpriseDir(dataDir, owner), DATABASE_FILE) : path.join(dataDir, ENTERPRISES_DIR, UNCLAIMED_DIR, DATABASE_FILE);
  if (others.length === 0 && !fs.existsSync(ownerTarget)) {
    moveStore(file, ownerTarget);
    const total = facts.employers.reduce((n, e) => n + e.records, 0);
    if (owner) report.enterprises.push({ key: owner, name: facts.profile?.name ?? '', records: total, people: -1 });
    return report;
  }

  for (const other of others) {
    const db = openDatabase(enterpriseDir(dataDir, other.uscc));
    try {
      const copied = copyInto(db, file, { where: `${EMPLOYER} = ?`, params: [other.uscc], rest: 'none' });
      report.enterprises.push({ key: other.uscc, name: other.name, ...copied });
    } finally {
      closeCleanly(db);
    }
    if (!desk.enterprise(other.uscc)) desk.upsertEnterprise({ key: other.uscc, uscc: other.uscc, name: other.name });
  }
  const mine = others.length === 0 ? '1' : `${EMPLOYER} NOT IN (${others.map(() => '?').join(', ')})`;
  const db = openDatabase(path.dirname(ownerTarget));
  try {
    // the cursors were advanced by whichever account synced last: the owner pulls again from the start
    const copied = copyInto(db, file, { where: mine, params: others.map((o) => o.uscc), rest: 'owner', resetCursors: others.length > 0 });
    if (owner) report.enterprises.push({ key: owner, name: facts.profile?.name ?? '', ...copied });
  } finally {
    closeCleanly(db);
  }
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
  // backups taken before the upgrade hold every employer's records: they stay in the data folder, named in the report
  const report = splitStore(dataDir, desk, file, facts, owner, localDesk(desk.settings()), now);
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
 * records: the unclaimed store is first renamed for that enterprise (so no other can take it too),
 * then moved to it, or its rows copied in when it has a store already. Nothing of the old account
 * (profile, offline credential, the bureau's cursors) comes along.
 */
export function claimUnclaimedStore(dataDir: string, key: string, now: Date, log: (line: string) => void): boolean {
  const target = path.join(enterpriseDir(dataDir, key), DATABASE_FILE);
  const dir = path.join(dataDir, ENTERPRISES_DIR, UNCLAIMED_DIR);
  const file = path.join(dir, DATABASE_FILE);
  const claimed = path.join(dir, `claimed-by-${key}.sqlite`);
  if (fs.existsSync(file)) moveStore(file, claimed);
  if (!fs.existsSync(claimed)) return false;
  if (!fs.existsSync(target)) {
    const old = new Database(claimed);
    try {
      const keys = [...ACCOUNT_META, ...CURSOR_META];
      old.prepare(`DELETE FROM meta WHERE key IN (${keys.map(() => '?').join(', ')})`).run(...keys);
    } finally {
      closeCleanly(old);
    }
    moveStore(claimed, target);
  } else {
    const db = openDatabase(path.dirname(target));
    try {
      copyInto(db, claimed, { where: '1', params: [], rest: 'claim' });
    } finally {
      closeCleanly(db);
    }
    moveStore(claimed, path.join(dataDir, `permit-desk.unclaimed-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`the records of the upgraded store that nobody had signed in on now belong to ${key}`);
  return true;
}
