/**
 * The sandbox bureau's own SQLite database (better-sqlite3): enterprises, sessions, submissions,
 * the published review results (their cursor is an AUTOINCREMENT key: strictly increasing and
 * never reused) and the certificates the bureau knows.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import type { EnterpriseProfile } from '../../shared/bridge/contract';
import { formatCertificateNumber, type CertificateKind } from '../../shared/documents/numbers';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import type { ReviewResult } from '../../shared/api/schemas';
import type { DemoAccount, SeedCertificate } from './accounts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS enterprises (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_salt TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  name          TEXT NOT NULL,
  uscc          TEXT NOT NULL UNIQUE,
  address       TEXT NOT NULL,
  postcode      TEXT NOT NULL,
  type          TEXT NOT NULL,
  legal_rep     TEXT NOT NULL,
  contact       TEXT NOT NULL,
  phone         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token         TEXT PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  issued_at     TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id),
  idempotency_key TEXT NOT NULL,
  body_hash       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  values_json     TEXT NOT NULL,
  submitted_at    TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  UNIQUE (enterprise_id, idempotency_key)
);
CREATE TABLE IF NOT EXISTS review_results (
  cursor        INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_id TEXT NOT NULL UNIQUE REFERENCES submissions(id),
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  result_json   TEXT NOT NULL,
  reviewed_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_results_by_enterprise ON review_results (enterprise_id, cursor);
CREATE TABLE IF NOT EXISTS certificates (
  number        TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('license', 'permit')),
  document_kind TEXT NOT NULL,
  applicant     TEXT NOT NULL CHECK (applicant IN ('foreign', 'hmt')),
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  submission_id TEXT,
  holder_json   TEXT NOT NULL,
  expiry        TEXT,
  issued_at     TEXT NOT NULL,
  -- position in the enterprise's permit feed (GET /v1/permits): a new one on every change
  seq           INTEGER,
  -- 注销 approved: the permit is listed as revoked from then on
  revoked_at    TEXT
);
CREATE TABLE IF NOT EXISTS counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

export type SubmissionState = 'pending' | 'approved' | 'rejected';

export interface EnterpriseRow {
  id: number;
  profile: EnterpriseProfile;
}

export interface SubmissionRow {
  id: string;
  enterpriseId: number;
  idempotencyKey: string;
  bodyHash: string;
  kind: DocumentKind;
  clientId: string;
  revision: number;
  values: FormValues;
  submittedAt: string;
  receivedAt: string;
  state: SubmissionState;
}

export interface CertificateRow {
  number: string;
  kind: 'license' | 'permit';
  documentKind: CertificateKind;
  applicant: 'foreign' | 'hmt';
  enterpriseId: number;
  submissionId: string | null;
  holder: FormValues;
  expiry: string | null;
  issuedAt: string;
  /** when an approved 注销 revoked it (null or absent: not revoked); putCertificate never clears it */
  revokedAt?: string | null;
}

interface RawEnterprise {
  id: number;
  email: string;
  name: string;
  uscc: string;
  address: string;
  postcode: string;
  type: string;
  legal_rep: string;
  contact: string;
  phone: string;
  password_salt: string;
  password_hash: string;
}

interface RawSubmission {
  id: string;
  enterprise_id: number;
  idempotency_key: string;
  body_hash: string;
  kind: string;
  client_id: string;
  revision: number;
  values_json: string;
  submitted_at: string;
  received_at: string;
  state: string;
}

interface RawCertificate {
  number: string;
  kind: string;
  document_kind: string;
  applicant: string;
  enterprise_id: number;
  submission_id: string | null;
  holder_json: string;
  expiry: string | null;
  issued_at: string;
  revoked_at?: string | null;
}

const SCRYPT_N = 1024; // a sandbox: fast, not strong

function hashPassword(password: string, salt: string): string {
  return crypto.scryptSync(password, salt, 32, { N: SCRYPT_N }).toString('hex');
}

function toEnterprise(r: RawEnterprise): EnterpriseRow {
  return {
    id: r.id,
    profile: {
      email: r.email,
      name: r.name,
      uscc: r.uscc,
      address: r.address,
      postcode: r.postcode,
      type: r.type,
      legalRep: r.legal_rep,
      contact: r.contact,
      phone: r.phone,
    },
  };
}

function toSubmission(r: RawSubmission): SubmissionRow {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    idempotencyKey: r.idempotency_key,
    bodyHash: r.body_hash,
    kind: r.kind as DocumentKind,
    clientId: r.client_id,
    revision: r.revision,
    values: JSON.parse(r.values_json) as FormValues,
    submittedAt: r.submitted_at,
    receivedAt: r.received_at,
    state: r.state as SubmissionState,
  };
}

function toCertificate(r: RawCertificate): CertificateRow {
  return {
    number: r.number,
    kind: r.kind as 'license' | 'permit',
    documentKind: r.document_kind as CertificateKind,
    applicant: r.applicant as 'foreign' | 'hmt',
    enterpriseId: r.enterprise_id,
    submissionId: r.submission_id,
    holder: JSON.parse(r.holder_json) as FormValues,
    expiry: r.expiry,
    issuedAt: r.issued_at,
    revokedAt: r.revoked_at ?? null,
  };
}

export class SandboxStore {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    // a sandbox file from before the permit feed: number its certificates once
    const columns = this.db.prepare('PRAGMA table_info(certificates)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'seq')) {
      this.db.exec('ALTER TABLE certificates ADD COLUMN seq INTEGER');
    }
    if (!columns.some((c) => c.name === 'revoked_at')) {
      this.db.exec('ALTER TABLE certificates ADD COLUMN revoked_at TEXT');
    }
    this.db.exec('CREATE INDEX IF NOT EXISTS certificates_feed ON certificates (enterprise_id, seq)');
    this.transaction(() => {
      const unnumbered = this.db.prepare('SELECT number FROM certificates WHERE seq IS NULL ORDER BY issued_at, number').all() as { number: string }[];
      for (const { number } of unnumbered) this.db.prepare('UPDATE certificates SET seq = ? WHERE number = ?').run(this.next('permit-feed'), number);
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ─── counters and numbers ──────────────────────────────────────────────────────────────

  next(counter: string): number {
    this.db.prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1').run(counter);
    return (this.db.prepare('SELECT value FROM counters WHERE name = ?').get(counter) as { value: number }).value;
  }

  /** The next free certificate number of `kind` in `year` (skipping numbers seeded by hand). */
  nextCertificateNumber(kind: CertificateKind, year: number): string {
    for (;;) {
      const prefix = formatCertificateNumber(kind, year, 1).slice(0, -7);
      const number = formatCertificateNumber(kind, year, this.next(prefix));
      if (!this.certificate(number)) return number;
    }
  }

  nextNoticeNumber(year: number): string {
    return `WB${year}${String(this.next(`WB${year}`)).padStart(7, '0')}`;
  }

  // ─── enterprises and sessions ──────────────────────────────────────────────────────────

  /** Inserts the account unless its email exists; true when it was inserted. */
  addEnterprise(account: DemoAccount): boolean {
    const salt = crypto.randomBytes(16).toString('hex');
    const p = account.profile;
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO enterprises (email, password_salt, password_hash, name, uscc, address, postcode, type, legal_rep, contact, phone)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(account.email.toLowerCase(), salt, hashPassword(account.password, salt), p.name, p.uscc, p.address, p.postcode, p.type, p.legalRep, p.contact, p.phone);
    return info.changes === 1;
  }

  enterpriseByEmail(email: string): EnterpriseRow | null {
    const r = this.db.prepare('SELECT * FROM enterprises WHERE email = ?').get(email.toLowerCase()) as RawEnterprise | undefined;
    return r ? toEnterprise(r) : null;
  }

  enterprise(id: number): EnterpriseRow | null {
    const r = this.db.prepare('SELECT * FROM enterprises WHERE id = ?').get(id) as RawEnterprise | undefined;
    return r ? toEnterprise(r) : null;
  }

  /** The enterprise when email and password match, else null (constant-time comparison). */
  authenticate(email: string, password: string): EnterpriseRow | null {
    const r = this.db.prepare('SELECT * FROM enterprises WHERE email = ?').get(email.trim().toLowerCase()) as RawEnterprise | undefined;
    const salt = r?.password_salt ?? 'no-such-account';
    const given = Buffer.from(hashPassword(password, salt), 'hex');
    const stored = Buffer.from(r?.password_hash ?? '00'.repeat(32), 'hex');
    const ok = given.length === stored.length && crypto.timingSafeEqual(given, stored);
    return r && ok ? toEnterprise(r) : null;
  }

  createSession(enterpriseId: number, issuedAt: Date, ttlMs: number): { token: string; expiresAt: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(issuedAt.getTime() + ttlMs).toISOString();
    this.db.prepare('INSERT INTO sessions (token, enterprise_id, issued_at, expires_at) VALUES (?, ?, ?, ?)').run(token, enterpriseId, issuedAt.toISOString(), expiresAt);
    return { token, expiresAt };
  }

  session(token: string): { enterpriseId: number; expiresAt: string } | null {
    const r = this.db.prepare('SELECT enterprise_id, expires_at FROM sessions WHERE token = ?').get(token) as { enterprise_id: number; expires_at: string } | undefined;
    return r ? { enterpriseId: r.enterprise_id, expiresAt: r.expires_at } : null;
  }

  // ─── submissions ───────────────────────────────────────────────────────────────────────

  submissionByKey(enterpriseId: number, key: string): SubmissionRow | null {
    const r = this.db.prepare('SELECT * FROM submissions WHERE enterprise_id = ? AND idempotency_key = ?').get(enterpriseId, key) as RawSubmission | undefined;
    return r ? toSubmission(r) : null;
  }

  submission(id: string): SubmissionRow | null {
    const r = this.db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as RawSubmission | undefined;
    return r ? toSubmission(r) : null;
  }

  /** Every submission, oldest first (optionally of one state). */
  submissions(state?: SubmissionState): SubmissionRow[] {
    const rows = (
      state
        ? this.db.prepare('SELECT * FROM submissions WHERE state = ? ORDER BY seq').all(state)
        : this.db.prepare('SELECT * FROM submissions ORDER BY seq').all()
    ) as RawSubmission[];
    return rows.map(toSubmission);
  }

  insertSubmission(row: Omit<SubmissionRow, 'id' | 'state'>): SubmissionRow {
    return this.transaction(() => {
      const id = `S${String(this.next('submission')).padStart(8, '0')}`;
      this.db
        .prepare(
          `INSERT INTO submissions (id, enterprise_id, idempotency_key, body_hash, kind, client_id, revision, values_json, submitted_at, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, row.enterpriseId, row.idempotencyKey, row.bodyHash, row.kind, row.clientId, row.revision, JSON.stringify(row.values), row.submittedAt, row.receivedAt);
      return { ...row, id, state: 'pending' as const };
    });
  }

  setSubmissionState(id: string, state: SubmissionState): void {
    this.db.prepare('UPDATE submissions SET state = ? WHERE id = ?').run(state, id);
  }

  // ─── review results ────────────────────────────────────────────────────────────────────

  /** Publishes a result; returns it with its cursor. */
  publishResult(submissionId: string, enterpriseId: number, result: Omit<ReviewResult, 'cursor'>): ReviewResult {
    const info = this.db
      .prepare('INSERT INTO review_results (submission_id, enterprise_id, result_json, reviewed_at) VALUES (?, ?, ?, ?)')
      .run(submissionId, enterpriseId, JSON.stringify(result), result.reviewedAt);
    return { cursor: Number(info.lastInsertRowid), ...result };
  }

  resultOf(submissionId: string): ReviewResult | null {
    const r = this.db.prepare('SELECT cursor, result_json FROM review_results WHERE submission_id = ?').get(submissionId) as
      | { cursor: number; result_json: string }
      | undefined;
    return r ? { cursor: r.cursor, ...(JSON.parse(r.result_json) as Omit<ReviewResult, 'cursor'>) } : null;
  }

  results(enterpriseId: number, after: number, limit: number): ReviewResult[] {
    const rows = this.db
      .prepare('SELECT cursor, result_json FROM review_results WHERE enterprise_id = ? AND cursor > ? ORDER BY cursor LIMIT ?')
      .all(enterpriseId, after, limit) as { cursor: number; result_json: string }[];
    return rows.map((r) => ({ cursor: r.cursor, ...(JSON.parse(r.result_json) as Omit<ReviewResult, 'cursor'>) }));
  }

  // ─── certificates ──────────────────────────────────────────────────────────────────────

  certificate(number: string): CertificateRow | null {
    const r = this.db.prepare('SELECT * FROM certificates WHERE number = ?').get(number) as RawCertificate | undefined;
    return r ? toCertificate(r) : null;
  }

  certificatesOf(enterpriseId: number): CertificateRow[] {
    const rows = this.db.prepare('SELECT * FROM certificates WHERE enterprise_id = ? ORDER BY issued_at, number').all(enterpriseId) as RawCertificate[];
    return rows.map(toCertificate);
  }

  /** Inserts or changes a certificate; either way it moves to the end of its enterprise's permit feed. */
  putCertificate(c: CertificateRow): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO certificates (number, kind, document_kind, applicant, enterprise_id, submission_id, holder_json, expiry, issued_at, seq, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(number) DO UPDATE SET holder_json = excluded.holder_json, expiry = excluded.expiry, seq = excluded.seq`,
        )
        .run(
          c.number,
          c.kind,
          c.documentKind,
          c.applicant,
          c.enterpriseId,
          c.submissionId,
          JSON.stringify(c.holder),
          c.expiry,
          c.issuedAt,
          this.next('permit-feed'),
          c.revokedAt ?? null,
        );
    });
  }

  /**
   * 注销 approved: marks the enterprise's permit revoked and moves it to the end of the permit feed
   * (it comes again, revoked). False when the enterprise holds no such permit or it is revoked already.
   */
  revokeCertificate(number: string, enterpriseId: number, at: string): boolean {
    return this.transaction(() => {
      const known = this.certificate(number);
      if (!known || known.enterpriseId !== enterpriseId || known.kind !== 'permit' || known.revokedAt) return false;
      this.db.prepare('UPDATE certificates SET revoked_at = ?, seq = ? WHERE number = ?').run(at, this.next('permit-feed'), number);
      return true;
    });
  }

  /** The permit feed of an enterprise: certificates whose latest change is after `after`, oldest change first. */
  certificateFeed(enterpriseId: number, after: number, limit: number): (CertificateRow & { seq: number })[] {
    const rows = this.db
      .prepare('SELECT * FROM certificates WHERE enterprise_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(enterpriseId, after, limit) as (RawCertificate & { seq: number })[];
    return rows.map((r) => ({ ...toCertificate(r), seq: r.seq }));
  }

  // ─── seeding ───────────────────────────────────────────────────────────────────────────

  /** Adds the demo accounts that are missing, with their certificates. */
  seed(accounts: readonly DemoAccount[], certificates: readonly SeedCertificate[], now: Date, year: number): void {
    this.transaction(() => {
      for (const account of accounts) {
        if (!this.addEnterprise(account)) continue;
        const enterprise = this.enterpriseByEmail(account.email);
        if (!enterprise) continue;
        for (const c of certificates.filter((s) => s.email === account.email)) {
          const number = c.number ?? this.nextCertificateNumber(c.documentKind, year);
          if (this.certificate(number)) continue;
          this.putCertificate({
            number,
            kind: c.documentKind === 'license' ? 'license' : 'permit',
            documentKind: c.documentKind,
            applicant: c.documentKind === 'hmt-permit' ? 'hmt' : 'foreign',
            enterpriseId: enterprise.id,
            submissionId: null,
            holder: c.holder,
            expiry: c.expiry ?? null,
            issuedAt: now.toISOString(),
          });
        }
      }
    });
  }
}
