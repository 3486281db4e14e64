import type { Migration } from './migrations';

/**
 * The work-permit migration: the certificate number of a record is checked against a table of
 * formats instead of v4's list of kinds, so today's 外国人来华工作许可 kinds (WN… notices, WP…
 * permits) are accepted and a later kind needs one row, not a new trigger. The rows are the
 * formats of shared/documents/numbers.ts as they stand at this migration
 * (tests/unit/documents/workPermitKinds.test.ts checks that they agree with the registry): a kind
 * issuing a number has its own prefix, a kind renewing a permit (extension, 变更, 补办) or ending
 * it (注销) the prefix of that permit.
 *
 * v4's two certificate triggers are replaced by triggers of the same names, refusing with the
 * same code (LIFECYCLE_REFUSED); the formats table itself is append-only.
 */
export const CERTIFICATE_FORMATS_AT_MIGRATION: readonly (readonly [kind: string, prefix: string])[] = [
  ['license', 'GZ'],
  ['registration-licensed', 'E'],
  ['registration-exempt', 'E'],
  ['extension', 'E'],
  ['hmt-permit', 'T'],
  ['hmt-extension', 'T'],
  ['wp-notice', 'WN'],
  ['wp-permit', 'WP'],
  ['wp-extension', 'WP'],
  ['wp-change', 'WP'],
  ['wp-reissue', 'WP'],
  ['wp-cancellation', 'WP'],
];

const digits11 = '[0-9]'.repeat(11);

/** The certificate fields of `r` fit its kind's row of certificate_formats (or carry no number). */
const certificateShape = (r: string) => `(
  (${r}.certificate_no IS NULL OR EXISTS (
    SELECT 1 FROM certificate_formats f WHERE f.kind = ${r}.kind AND ${r}.certificate_no GLOB f.prefix || '${digits11}'))
  AND (${r}.certificate_expiry IS NULL OR (${r}.certificate_no IS NOT NULL
    AND ${r}.certificate_expiry GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')))`;

const MSG = {
  certificate:
    'LIFECYCLE_REFUSED: 证书号码与申请类型的号码格式不符（就业许可 GZ、外国人就业证 E、台港澳人员就业证 T、工作许可通知 WN、工作许可证 WP，加 11 位数字；有效期为 YYYY-MM-DD） / The certificate number does not fit the kind (license GZ, foreign permit E, HMT permit T, work permit notice WN, work permit WP, followed by 11 digits; expiry YYYY-MM-DD)',
  formats: 'RECORD_FROZEN: 证书号码格式只能新增，不可修改或删除 / Certificate number formats can only be added, never changed or deleted',
} as const;

const trigger = (name: string, timing: string, when: string, message: string) => `
  CREATE TRIGGER ${name} ${timing}
  WHEN ${when}
  BEGIN
    SELECT RAISE(ABORT, '${message.replace(/'/g, "''")}');
  END;`;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const WORK_PERMIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 7,
    name: 'certificate number formats as a table: the work-permit kinds (WN, WP)',
    up(db) {
      db.exec(
        [
          `CREATE TABLE certificate_formats (
             kind TEXT PRIMARY KEY,
             prefix TEXT NOT NULL CHECK (prefix GLOB '[A-Z]*' AND length(prefix) BETWEEN 1 AND 4)
           ) WITHOUT ROWID;`,
          `INSERT INTO certificate_formats (kind, prefix) VALUES ${CERTIFICATE_FORMATS_AT_MIGRATION.map(([k, p]) => `(${quote(k)}, ${quote(p)})`).join(', ')};`,
          trigger('certificate_formats_no_update', 'BEFORE UPDATE ON certificate_formats', '1', MSG.formats),
          trigger('certificate_formats_no_delete', 'BEFORE DELETE ON certificate_formats', '1', MSG.formats),
        ].join('\n'),
      );
      // SQLite fires the triggers of one event newest first, and v4 chose its creation order so
      // that the most specific refusal is the one read: every trigger on records is dropped and
      // created again in its original order, the two certificate triggers in their new form.
      const replaced: Readonly<Record<string, string>> = {
        records_guard_update_certificate: trigger(
          'records_guard_update_certificate',
          'BEFORE UPDATE ON records',
          `(NEW.certificate_no IS NOT OLD.certificate_no OR NEW.certificate_expiry IS NOT OLD.certificate_expiry) AND NOT ${certificateShape('NEW')}`,
          MSG.certificate,
        ),
        records_guard_insert_certificate: trigger('records_guard_insert_certificate', 'BEFORE INSERT ON records', `NOT ${certificateShape('NEW')}`, MSG.certificate),
      };
      const triggers = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records' ORDER BY rowid")
        .all() as { name: string; sql: string }[];
      for (const name of Object.keys(replaced)) {
        if (!triggers.some((t) => t.name === name)) throw new Error(`work-permit migration: trigger ${name} of v4 is missing`);
      }
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name};`);
      for (const t of triggers) db.exec(replaced[t.name] ?? `${t.sql};`);
    },
  },
];
