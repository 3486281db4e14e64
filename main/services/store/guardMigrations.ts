import type { Migration } from './migrations';

/**
 * v4 — the database refuses what the lifecycle refuses (flows.md, shared/lifecycle.ts), whatever SQL
 * is sent: the triggers below hold for the app's own statements and for anyone else's.
 *
 * What the app writes, and what stays possible:
 *   records:   INSERT as a draft (revision 0); UPDATE a draft, or a rejected record back into a draft
 *              (修改); draft → submitted with revision + 1 (提交); submitted → approved | rejected with
 *              the review fields (sync results, or the bureau refusing an upload); sync_state and, on a
 *              draft, person_id at any time.
 *   revisions: one INSERT per submission, after the record's UPDATE, with the record's values.
 *   outbox:    one INSERT per submission, after the revision's; state/attempts/last_error updates.
 *   history:   INSERTs only.
 *
 * What is refused (RAISE(ABORT, 'CODE: 中文 / English'); RECORD_FROZEN is the code the dispatcher
 * already maps to INVALID_STATE, LIFECYCLE_REFUSED is for the other rules):
 *   - an INSERT (plain, OR REPLACE, upsert) on the key of an existing record, revision, outbox or
 *     history row: REPLACE deletes the old row without firing its DELETE triggers (unless
 *     `PRAGMA recursive_triggers` is on, which is per connection and cannot be relied on), so every
 *     overwrite is refused before it happens;
 *   - deletes of revisions and outbox rows (they exist only for submitted revisions), and of the
 *     history of any record that has been submitted; any UPDATE of history (append-only);
 *   - status changes other than draft → submitted → approved | rejected → draft; a submission that
 *     does not add exactly one revision; a review of a record whose stored revision does not hold
 *     its values; values changed anywhere but into a draft; id or kind changed;
 *   - review fields (reviewed_at, review_reason, certificate_no, certificate_expiry, notice_json)
 *     written without a review, or that do not fit the status (approved: reviewed, no reason;
 *     rejected: reviewed with a reason, nothing issued; submitted: nothing; draft: at most the
 *     reason of the rejection it reopens); a certificate number that is not its kind's format
 *     (shared/documents/numbers.ts: GZ / E / T + 11 digits), an expiry that is not YYYY-MM-DD;
 *   - a revision that is not between 1 and its record's revision, or that, as the record's current
 *     one, differs from the record's values; an outbox row for a revision that does not exist.
 *
 * Copying a store (restore into a fresh store made by these migrations): rows are inserted, never
 * updated, so every status can be written as it is, provided each row is consistent. Copy in this
 * order, each table in one INSERT … SELECT or row by row:
 *   1. people (no guards here);
 *   2. records WHERE source_id IS NULL, then records WHERE source_id IS NOT NULL (the foreign key
 *      to the recruitment application must already be there); each row with its final status,
 *      revision, submitted_at and review fields;
 *   3. revisions (after their record: a revision is checked against its record's current revision);
 *   4. outbox (after its revision);
 *   5. history, person_history, autosave (any order); leave the INTEGER PRIMARY KEY `id` of history
 *      out, or copy it into the empty table (an id already there is refused as an overwrite).
 * record_counts is kept by the v3 triggers as the records arrive: do not copy it.
 */

/** `column GLOB` a letter prefix followed by exactly 11 digits. */
const digits11 = '[0-9]'.repeat(11);
const numberLike = (column: string, prefix: string) => `${column} GLOB '${prefix}${digits11}'`;

/** The record `r` (NEW on an INSERT or UPDATE) is a consistent submission: numbers and date. */
const submissionShape = (r: string) => `(
  (${r}.status = 'draft' AND ${r}.revision >= 0 AND (${r}.revision > 0 OR ${r}.submitted_at IS NULL))
  OR (${r}.status <> 'draft' AND ${r}.revision >= 1 AND ${r}.submitted_at IS NOT NULL))`;

/** The review fields of `r` fit its status. */
const reviewShape = (r: string) => `(CASE ${r}.status
  WHEN 'approved' THEN ${r}.reviewed_at IS NOT NULL AND ${r}.review_reason IS NULL
  WHEN 'rejected' THEN ${r}.reviewed_at IS NOT NULL AND ${r}.review_reason IS NOT NULL
    AND ${r}.certificate_no IS NULL AND ${r}.certificate_expiry IS NULL AND ${r}.notice_json IS NULL
  WHEN 'submitted' THEN ${r}.reviewed_at IS NULL AND ${r}.review_reason IS NULL
    AND ${r}.certificate_no IS NULL AND ${r}.certificate_expiry IS NULL AND ${r}.notice_json IS NULL
  ELSE ${r}.certificate_no IS NULL AND ${r}.certificate_expiry IS NULL AND ${r}.notice_json IS NULL
    AND (${r}.reviewed_at IS NULL) = (${r}.review_reason IS NULL)
    AND (${r}.revision > 0 OR ${r}.reviewed_at IS NULL)
  END)`;

/**
 * The certificate number of `r` is its kind's (license: GZ…; foreigners' permits and their
 * extension: E…; Taiwan/Hong Kong/Macao permits and their extension: T…; recruitment: none), and
 * an expiry comes only with a number.
 */
const certificateShape = (r: string) => `(
  (${r}.certificate_no IS NULL OR CASE ${r}.kind
    WHEN 'license' THEN ${numberLike(`${r}.certificate_no`, 'GZ')}
    WHEN 'registration-licensed' THEN ${numberLike(`${r}.certificate_no`, 'E')}
    WHEN 'registration-exempt' THEN ${numberLike(`${r}.certificate_no`, 'E')}
    WHEN 'extension' THEN ${numberLike(`${r}.certificate_no`, 'E')}
    WHEN 'hmt-permit' THEN ${numberLike(`${r}.certificate_no`, 'T')}
    WHEN 'hmt-extension' THEN ${numberLike(`${r}.certificate_no`, 'T')}
    ELSE 0 END)
  AND (${r}.certificate_expiry IS NULL OR (${r}.certificate_no IS NOT NULL
    AND ${r}.certificate_expiry GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')))`;

const REVIEW_FIELDS = ['reviewed_at', 'review_reason', 'certificate_no', 'certificate_expiry', 'notice_json'] as const;
const changed = (columns: readonly string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

const SUBMIT = `(OLD.status = 'draft' AND NEW.status = 'submitted')`;
const REVIEW = `(OLD.status = 'submitted' AND NEW.status IN ('approved', 'rejected'))`;

const MSG = {
  recordExists:
    'RECORD_FROZEN: 该申请记录已存在，不可覆盖（INSERT OR REPLACE） / The record already exists and cannot be overwritten (INSERT OR REPLACE)',
  revisionExists:
    'RECORD_FROZEN: 已提交的版本不可覆盖（INSERT OR REPLACE） / A submitted revision cannot be overwritten (INSERT OR REPLACE)',
  outboxExists:
    'RECORD_FROZEN: 上传队列中的版本不可覆盖（INSERT OR REPLACE） / A queued upload cannot be overwritten (INSERT OR REPLACE)',
  historyExists: 'RECORD_FROZEN: 历史记录不可覆盖 / A history entry cannot be overwritten',
  revisionDelete: 'RECORD_FROZEN: 已提交的版本不可删除 / A submitted revision cannot be deleted',
  outboxDelete: 'RECORD_FROZEN: 上传队列中的版本不可删除，否则该申请永远不会上传 / A queued upload cannot be deleted (the application would never be sent)',
  historyDelete: 'RECORD_FROZEN: 已提交申请的历史记录不可删除 / The history of a submitted record cannot be deleted',
  historyUpdate: 'RECORD_FROZEN: 历史记录只能追加，不可修改 / History is append-only and cannot be changed',
  outboxKeys: 'RECORD_FROZEN: 上传队列中的版本不可改为其他申请或版本 / A queued upload cannot be moved to another record or revision',
  identity: 'LIFECYCLE_REFUSED: 申请记录的编号和类型不可更改 / The id and kind of a record cannot be changed',
  transition:
    'LIFECYCLE_REFUSED: 状态只能按 未提交 → 已提交/待预审 → 预审通过 或 预审不通过 → 修改（未提交）的顺序变化 / The status can only follow draft → submitted → approved or rejected → draft (edit)',
  submission:
    'LIFECYCLE_REFUSED: 提交必须新增一个版本并记录提交时间，版本号不可另行更改 / A submission adds exactly one revision with its submission time; revision numbers cannot be changed otherwise',
  shape:
    'LIFECYCLE_REFUSED: 申请记录的状态与其版本号、提交时间不一致 / The status of the record does not fit its revision and submission time',
  reviewWithoutReview:
    'LIFECYCLE_REFUSED: 预审结果（审核时间、原因、证书号码、通知书）只能随预审结果写入 / Review fields (reviewed at, reason, certificate number, notice) can only be written with a review result',
  reviewShape:
    'LIFECYCLE_REFUSED: 预审字段与状态不符（通过须有审核时间、不可有原因；不通过须有原因、不发证书和通知书；待预审不可有预审结果） / The review fields do not fit the status (an approval is reviewed without a reason; a rejection has a reason and issues nothing; a pending record has no review)',
  certificate:
    'LIFECYCLE_REFUSED: 证书号码与申请类型的号码格式不符（就业许可 GZ、外国人就业证 E、台港澳人员就业证 T，加 11 位数字；有效期为 YYYY-MM-DD） / The certificate number does not fit the kind (license GZ, foreign permit E, HMT permit T, followed by 11 digits; expiry YYYY-MM-DD)',
  reviewUnsubmitted:
    'LIFECYCLE_REFUSED: 只能预审已保存为版本的提交内容 / Only a submission stored as its revision can be reviewed',
  valuesOutsideDraft:
    'RECORD_FROZEN: 只有未提交的草稿可以修改内容（预审不通过后请先【修改】） / Only a draft can change its content (after a rejection, edit it back into a draft first)',
  revisionMismatch:
    'LIFECYCLE_REFUSED: 版本与申请记录不符（版本号须在 1 至当前版本之间，当前版本须与已提交内容一致） / The revision does not match its record (numbered 1 to the current revision; the current one holds the submitted values)',
  outboxWithoutRevision:
    'LIFECYCLE_REFUSED: 上传队列只能包含已提交的版本 / Only a submitted revision can be queued for upload',
} as const;

const trigger = (name: string, timing: string, when: string, message: string) => `
  CREATE TRIGGER ${name} ${timing}
  WHEN ${when}
  BEGIN
    SELECT RAISE(ABORT, '${message.replace(/'/g, "''")}');
  END;`;

const SHAPE_COLUMNS = ['status', 'revision', 'submitted_at', ...REVIEW_FIELDS];

export const GUARD_MIGRATIONS: readonly Migration[] = [
  {
    version: 4,
    name: 'lifecycle guards: no overwrite, no deletes, transitions, review fields, certificate formats',
    up(db) {
      db.exec(
        [
          // ── records ──
          // SQLite fires the triggers of one event newest first: the most specific refusal is created
          // last, so that its message is the one the user reads when a statement breaks several rules.
          trigger('records_guard_update_submission', 'BEFORE UPDATE ON records', `(${changed(SHAPE_COLUMNS)}) AND NOT ${submissionShape('NEW')}`, MSG.shape),
          trigger('records_guard_update_review', 'BEFORE UPDATE ON records', `(${changed(SHAPE_COLUMNS)}) AND NOT ${reviewShape('NEW')}`, MSG.reviewShape),
          trigger(
            'records_guard_update_certificate',
            'BEFORE UPDATE ON records',
            `(${changed(['certificate_no', 'certificate_expiry'])}) AND NOT ${certificateShape('NEW')}`,
            MSG.certificate,
          ),
          trigger('records_guard_insert_submission', 'BEFORE INSERT ON records', `NOT ${submissionShape('NEW')}`, MSG.shape),
          trigger('records_guard_insert_review', 'BEFORE INSERT ON records', `NOT ${reviewShape('NEW')}`, MSG.reviewShape),
          trigger('records_guard_insert_certificate', 'BEFORE INSERT ON records', `NOT ${certificateShape('NEW')}`, MSG.certificate),
          trigger(
            'records_guard_values',
            'BEFORE UPDATE ON records',
            `NEW.status <> 'draft' AND (${changed(['values_json', 'person_name', 'document_number', 'source_id'])})`,
            MSG.valuesOutsideDraft,
          ),
          trigger(
            'records_guard_review_of_revision',
            'BEFORE UPDATE OF status ON records',
            `${REVIEW} AND NOT EXISTS (
               SELECT 1 FROM revisions v WHERE v.record_id = OLD.id AND v.revision = OLD.revision AND v.values_json = OLD.values_json)`,
            MSG.reviewUnsubmitted,
          ),
          trigger(
            'records_guard_review_fields',
            'BEFORE UPDATE ON records',
            `(${changed(REVIEW_FIELDS)}) AND NOT ${REVIEW}
             AND NOT (${SUBMIT} AND NEW.reviewed_at IS NULL AND NEW.review_reason IS NULL
                      AND NOT (${changed(['certificate_no', 'certificate_expiry', 'notice_json'])}))`,
            MSG.reviewWithoutReview,
          ),
          trigger(
            'records_guard_submission',
            'BEFORE UPDATE ON records',
            `(${SUBMIT} AND (NEW.revision IS NOT OLD.revision + 1 OR NEW.submitted_at IS NULL))
             OR (NOT ${SUBMIT} AND (NEW.revision IS NOT OLD.revision OR NEW.submitted_at IS NOT OLD.submitted_at))`,
            MSG.submission,
          ),
          trigger(
            'records_guard_transition',
            'BEFORE UPDATE OF status ON records',
            // from submitted or approved, v1's records_frozen_after_submit already refuses (RECORD_FROZEN)
            `OLD.status IN ('draft', 'rejected') AND NEW.status IS NOT OLD.status
             AND NOT (${SUBMIT} OR (OLD.status = 'rejected' AND NEW.status = 'draft'))`,
            MSG.transition,
          ),
          trigger('records_guard_identity', 'BEFORE UPDATE ON records', 'NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind', MSG.identity),
          trigger('records_guard_no_overwrite', 'BEFORE INSERT ON records', 'EXISTS (SELECT 1 FROM records WHERE id = NEW.id)', MSG.recordExists),

          // ── revisions (UPDATE is already refused by v1's revisions_immutable) ──
          trigger(
            'revisions_guard_insert',
            'BEFORE INSERT ON revisions',
            `NOT EXISTS (
               SELECT 1 FROM records r WHERE r.id = NEW.record_id AND NEW.revision BETWEEN 1 AND r.revision
                 AND (NEW.revision < r.revision OR r.status = 'draft'
                      OR (r.values_json = NEW.values_json AND r.submitted_at = NEW.submitted_at)))`,
            MSG.revisionMismatch,
          ),
          trigger(
            'revisions_guard_no_overwrite',
            'BEFORE INSERT ON revisions',
            'EXISTS (SELECT 1 FROM revisions WHERE record_id = NEW.record_id AND revision = NEW.revision)',
            MSG.revisionExists,
          ),
          trigger('revisions_no_delete', 'BEFORE DELETE ON revisions', '1', MSG.revisionDelete),

          // ── outbox ──
          trigger(
            'outbox_guard_insert',
            'BEFORE INSERT ON outbox',
            'NOT EXISTS (SELECT 1 FROM revisions WHERE record_id = NEW.record_id AND revision = NEW.revision)',
            MSG.outboxWithoutRevision,
          ),
          trigger(
            'outbox_guard_no_overwrite',
            'BEFORE INSERT ON outbox',
            'EXISTS (SELECT 1 FROM outbox WHERE record_id = NEW.record_id AND revision = NEW.revision)',
            MSG.outboxExists,
          ),
          trigger('outbox_guard_keys', 'BEFORE UPDATE ON outbox', changed(['record_id', 'revision', 'created_at']), MSG.outboxKeys),
          trigger('outbox_no_delete', 'BEFORE DELETE ON outbox', '1', MSG.outboxDelete),

          // ── history ──
          trigger('history_guard_no_overwrite', 'BEFORE INSERT ON history', 'EXISTS (SELECT 1 FROM history WHERE id = NEW.id)', MSG.historyExists),
          trigger('history_no_update', 'BEFORE UPDATE ON history', '1', MSG.historyUpdate),
          trigger(
            'history_guard_delete',
            'BEFORE DELETE ON history',
            "EXISTS (SELECT 1 FROM records WHERE id = OLD.record_id AND (status <> 'draft' OR revision > 0))",
            MSG.historyDelete,
          ),
        ].join('\n'),
      );
    },
  },
];
