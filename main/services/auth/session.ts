import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { EnterpriseProfile } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import { profileProblems, SETTINGS_REFUSED } from '../../../shared/settings/rules';
import type { SecretStore } from '../app';
import type { MetaStore } from '../store/meta';
import type { DeskStore } from '../desk/deskStore';
import { isUsccKey } from '../desk/enterpriseDirs';

export const TOKEN_SECRET = 'bureau.token';

export const emptyProfile = (address: string): EnterpriseProfile => ({
  email: address,
  name: '',
  uscc: '',
  address: '',
  postcode: '',
  type: '',
  legalRep: '',
  contact: '',
  phone: '',
});

interface OfflineCredential {
  email: string;
  salt: string;
  hash: string;
}

const hashPassword = (password: string, salt: string) => scryptSync(password, Buffer.from(salt, 'hex'), 32).toString('hex');

/**
 * One enterprise's sign-in state, kept in its own store: the profile, a salted hash of the
 * password of each email that signed in online (so the same account signs in again offline), and
 * the bureau token in the enterprise's own secrets. Who is signed in on the desk is the desk's
 * (desk.json); this store answers only for its own enterprise.
 */
export class SessionService {
  constructor(
    private readonly meta: MetaStore,
    private readonly secrets: SecretStore,
    private readonly desk: DeskStore,
    private readonly key: string,
    private readonly now: () => Date,
  ) {}

  current(): EnterpriseProfile | null {
    const session = this.desk.session();
    if (!session || session.key !== this.key) return null;
    const profile = this.meta.get<EnterpriseProfile>('profile');
    return profile ? { ...profile, email: session.email } : emptyProfile(session.email);
  }

  /** signed in with no network: the token (if any) is from an earlier online sign-in */
  isOffline(): boolean {
    return this.desk.session()?.offline ?? false;
  }

  token(): string | null {
    return this.secrets.get(TOKEN_SECRET);
  }

  /** An online sign-in succeeded: keep the profile, the token and the offline credential. */
  rememberOnline(email: string, password: string, profile: EnterpriseProfile, token: string): void {
    this.secrets.set(TOKEN_SECRET, token);
    const salt = randomBytes(16).toString('hex');
    const credentials = (this.meta.get<OfflineCredential[] | OfflineCredential>('offline-credential') ?? []) as OfflineCredential[] | OfflineCredential;
    const others = (Array.isArray(credentials) ? credentials : [credentials]).filter((c) => c.email !== email);
    this.meta.put('offline-credential', [{ email, salt, hash: hashPassword(password, salt) }, ...others].slice(0, 20));
    this.meta.put('profile', { ...profile, email });
  }

  /** A desk with no bureau: the profile typed under 设置, or an empty one. */
  rememberLocal(email: string): EnterpriseProfile {
    const known = this.meta.get<EnterpriseProfile>('profile');
    const profile = known ? { ...known, email } : emptyProfile(email);
    this.meta.put('profile', profile);
    return profile;
  }

  /** The bureau cannot be reached: an email that signed in online to this enterprise may sign in offline. */
  verifyOffline(email: string, password: string, why: string): EnterpriseProfile {
    const stored = this.meta.get<OfflineCredential[] | OfflineCredential>('offline-credential');
    const credential = (Array.isArray(stored) ? stored : stored ? [stored] : []).find((c) => c.email === email);
    const profile = this.meta.get<EnterpriseProfile>('profile');
    if (!credential || !profile) {
      throw new ServiceError(
        'OFFLINE',
        `无法连接主管部门系统，本机也没有该账户的登录记录；首次登录需要联网 / The bureau cannot be reached and this account has not signed in on this computer before; the first sign-in needs a network (${why})`,
      );
    }
    const given = Buffer.from(hashPassword(password, credential.salt), 'hex');
    if (!timingSafeEqual(given, Buffer.from(credential.hash, 'hex'))) {
      const message = '密码错误（离线登录） / Wrong password (offline sign-in)';
      throw new ServiceError('INVALID_INPUT', message, { password: message });
    }
    return { ...profile, email };
  }

  /** Signing out (or switching away) drops the token: the next sign-in asks the bureau again. */
  forgetToken(): void {
    this.secrets.delete(TOKEN_SECRET);
  }

  saveProfile(patch: Omit<EnterpriseProfile, 'email'>): EnterpriseProfile {
    const current = this.current();
    if (!current) throw new ServiceError('NOT_SIGNED_IN', '请先登录 / Please sign in first');
    const problems = profileProblems(patch);
    // an enterprise known by its 统一社会信用代码 keeps it: its store, its uploads and its backups are keyed by it
    if (isUsccKey(this.key) && patch.uscc !== this.key) {
      problems.uscc = `统一社会信用代码是本单位登录时主管部门确认的 ${this.key}，不能改为其他代码 / The unified social credit code is ${this.key}, as the bureau confirmed at sign-in; it cannot be changed to another`;
    }
    if (Object.keys(problems).length > 0) throw new ServiceError('INVALID_INPUT', SETTINGS_REFUSED, problems);
    const profile = { ...current, ...patch, email: current.email };
    this.meta.put('profile', profile);
    const entry = this.desk.enterprise(this.key);
    if (entry) this.desk.upsertEnterprise({ key: this.key, name: profile.name, uscc: profile.uscc || entry.uscc });
    return profile;
  }

  /** when this enterprise last signed in, for the session line of the legacy single store */
  signedInAt(): string {
    return this.desk.session()?.signedInAt ?? this.now().toISOString();
  }
}

/** A secret store in memory, for a host that has none (tests). */
export function memorySecrets(): SecretStore {
  const all = new Map<string, string>();
  return { get: (n) => all.get(n) ?? null, set: (n, v) => void all.set(n, v), delete: (n) => void all.delete(n) };
}
