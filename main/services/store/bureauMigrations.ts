import type { Migration } from './migrations';

/** v5 — permits listed by the bureau, uploads the bureau refused */
export const BUREAU_MIGRATIONS: readonly Migration[] = [
  {
    version: 5,
    name: 'bureau permits (GET /v1/permits), people from the bureau, final upload refusals',
    up(db) {
      db.exec(`
        -- the enterprise's current licenses and permits as the bureau lists them: the latest
        -- change of each number (main/services/roster/bureauPermits.ts)
        CREATE TABLE bureau_permits (
          number TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('license', 'permit', 'hmt-permit')),
          applicant TEXT NOT NULL CHECK (applicant IN ('foreign', 'hmt')),
          holder_name TEXT NOT NULL,
          holder_name_zh TEXT NOT NULL DEFAULT '',
          document_type TEXT NOT NULL,
          document_number TEXT NOT NULL,
          nationality TEXT NOT NULL DEFAULT '',
          birth_date TEXT NOT NULL DEFAULT '',
          sex TEXT NOT NULL DEFAULT '',
          issue_date TEXT NOT NULL,
          expiry TEXT,
          status TEXT NOT NULL CHECK (status IN ('valid', 'expired', 'revoked')),
          -- the roster's person of the holder (matched, or created from this permit)
          person_id TEXT REFERENCES people(id),
          -- the bureau's feed position of this version
          feed_cursor INTEGER NOT NULL,
          pulled_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX bureau_permits_by_person ON bureau_permits(person_id) WHERE person_id IS NOT NULL;
        CREATE INDEX bureau_permits_by_expiry ON bureau_permits(expiry) WHERE expiry IS NOT NULL;

        -- where a person came from: entered on this desk (or from its applications), or created
        -- from a permit the bureau listed
        ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'bureau'));

        -- a final refusal of an upload (state 'refused'): the bureau's problem type, e.g.
        -- https://permit-desk.local/problems/employer-mismatch; NULL for the older refusals by
        -- the bureau's validation (those come back to the user as 预审不通过)
        ALTER TABLE outbox ADD COLUMN refusal TEXT;
      `);
    },
  },
];
