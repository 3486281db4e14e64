/**
 * What belongs to the desk rather than to an enterprise: the interface language, the bureau's
 * address, the sync interval, the remembered printer, the enterprises that signed in here and which
 * one is signed in now. Kept in one small JSON file beside the enterprises' stores, written atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { language } from '../../../shared/bridge/contract';

export const DESK_FILE = 'desk.json';

const enterpriseEntry = z.object({
  /** the store's key: the 统一社会信用代码, or `local-…` for a desk with no bureau */
  key: z.string(),
  uscc: z.string(),
  name: z.string(),
  /** the enterprise emails that signed in to it here, the latest first */
  emails: z.array(z.string()),
  lastSignedInAt: z.string().nullable(),
  /** submitted revisions waiting for upload when its store was last closed */
  pendingUploads: z.number().int().nonnegative(),
});
export type EnterpriseEntry = z.infer<typeof enterpriseEntry>;

const deskSession = z.object({ key: z.string(), email: z.string(), signedInAt: z.string(), offline: z.boolean() });
export type DeskSession = z.infer<typeof deskSession>;

export const deskSettings = z.object({
  language: language.optional(),
  bureauUrl: z.string().optional(),
  syncIntervalMinutes: z.number().int().min(1).max(1440).optional(),
  printer: z.string().optional(),
});
export type DeskSettings = z.infer<typeof deskSettings>;

const deskFile = z.object({
  version: z.literal(1),
  settings: deskSettings,
  enterprises: z.array(enterpriseEntry),
  session: deskSession.nullable(),
});
type DeskFile = z.infer<typeof deskFile>;

const EMPTY: DeskFile = { version: 1, settings: {}, enterprises: [], session: null };

export class DeskStore {
  private state: DeskFile;
  readonly file: string;

  constructor(
    readonly dataDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, DESK_FILE);
    this.state = this.read();
  }

  /** true when the desk file did not exist before (a new desk, or one from before desk.json) */
  get isNew(): boolean {
    return !fs.existsSync(this.file);
  }

  private read(): DeskFile {
    if (!fs.existsSync(this.file)) return structuredClone(EMPTY);
    try {
      const parsed = deskFile.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      this.log(`desk file ${this.file} is malformed; starting from an empty desk (the enterprises' stores are untouched)`);
    } catch (e) {
      this.log(`desk file ${this.file} cannot be read (${e instanceof Error ? e.message : String(e)}); starting from an empty desk`);
    }
    fs.copyFileSync(this.file, `${this.file}.unreadable`);
    return structuredClone(EMPTY);
  }

  /** Writes `next` durably (temp file, fsync, rename, fsync of the folder), then makes it the state. */
  private commit(next: DeskFile): void {
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(next, null, 2));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    if (process.platform !== 'win32') {
      const dir = fs.openSync(this.dataDir, 'r');
      try {
        fs.fsyncSync(dir);
      } finally {
        fs.closeSync(dir);
      }
    }
    this.state = next;
  }

  settings(): DeskSettings {
    return { ...this.state.settings };
  }

  saveSettings(patch: DeskSettings): DeskSettings {
    this.commit({ ...this.state, settings: { ...this.state.settings, ...patch } });
    return this.settings();
  }

  session(): DeskSession | null {
    return this.state.session;
  }

  setSession(session: DeskSession | null): void {
    this.commit({ ...this.state, session });
  }

  enterprises(): EnterpriseEntry[] {
    return this.state.enterprises.map((e) => ({ ...e, emails: [...e.emails] }));
  }

  enterprise(key: string): EnterpriseEntry | null {
    return this.enterprises().find((e) => e.key === key) ?? null;
  }

  /** the enterprise an email last signed in to on this desk */
  enterpriseOfEmail(email: string): EnterpriseEntry | null {
    const all = this.enterprises().filter((e) => e.emails.includes(email));
    all.sort((a, b) => (b.lastSignedInAt ?? '').localeCompare(a.lastSignedInAt ?? ''));
    return all[0] ?? null;
  }

  /**
   * Adds or updates an enterprise of the desk; `email` signed in to it. With `sole`, the bureau
   * has just said the email is this enterprise's: it is taken off every other one, so an offline
   * sign-in can never open an enterprise the email no longer belongs to.
   */
  upsertEnterprise(entry: Partial<EnterpriseEntry> & { key: string }, email?: string, options: { sole?: boolean } = {}): EnterpriseEntry {
    const next = structuredClone(this.state);
    let current = next.enterprises.find((e) => e.key === entry.key);
    if (!current) {
      current = { key: entry.key, uscc: '', name: '', emails: [], lastSignedInAt: null, pendingUploads: 0 };
      next.enterprises.push(current);
    }
    Object.assign(current, { ...entry, emails: current.emails });
    if (email) {
      current.emails = [email, ...current.emails.filter((e) => e !== email)].slice(0, 20);
      if (options.sole) for (const other of next.enterprises) if (other !== current) other.emails = other.emails.filter((e) => e !== email);
    }
    this.commit(next);
    return { ...current, emails: [...current.emails] };
  }
}
