import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EnterpriseProfile } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import { isBureauError, type BureauClient } from '../bureau';
import type { SecretStore } from '../app';
import type { MetaStore } from '../store/meta';

const email = z.string().trim().toLowerCase().pipe(z.email());

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
 * Who is signed in. Signing in asks the bureau (使用企业邮箱登录); the token goes to the secret
 * store, the enterprise profile and a salted hash of the password to the local store, so that
 * the same account can sign in again while offline. With no bureau configured (an empty address
 * in 设置) any well-formed email signs in locally.
 */
export class SessionService {
  constructor(
    private readonly meta: MetaStore,
    private readonly secrets: SecretStore,
    private readonly bureau: () => BureauClient | null,
    private readonly now: () => Date,
  ) {}

  current(): EnterpriseProfile | null {
    const session = this.meta.get<{ email: string }>('session');
    if (!session) return null;
    return this.meta.get<EnterpriseProfile>('profile') ?? emptyProfile(session.email);
  }

  token(): string | null {
    return this.secrets.get(TOKEN_SECRET);
  }

  async login(rawEmail: string, password: string): Promise<{ profile: EnterpriseProfile; offline: boolean }> {
    const parsed = email.safeParse(rawEmail);
    if (!parsed.success) {
      const message = '企业邮箱格式不正确，请输入如 hr@company.com 的邮箱地址 / The enterprise email is malformed; enter an address such as hr@company.com';
      throw new ServiceError('INVALID_INPUT', message, { email: message });
    }
    if (password.length === 0) {
      const message = '请输入密码 / Please enter the password';
      throw new ServiceError('INVALID_INPUT', message, { password: message });
    }
    const address = parsed.data;
    const client = this.bureau();
    let profile: EnterpriseProfile;
    let offline = false;
    if (!client) {
      const known = this.meta.get<EnterpriseProfile>('profile');
      profile = known && known.email === address ? known : emptyProfile(address);
    } else {
      try {
        const session = await client.login(address, password);
        profile = { ...session.profile, email: address };
        this.secrets.set(TOKEN_SECRET, session.token);
        const salt = randomBytes(16).toString('hex');
        this.meta.put('offline-credential', { email: address, salt, hash: hashPassword(password, salt) } satisfies OfflineCredential);
      } catch (e) {
        if (isBureauError(e) && e.kind === 'validation') {
          const message = '企业邮箱或密码错误 / Wrong enterprise email or password';
          throw new ServiceError('INVALID_INPUT', message, { password: message });
        }
        if (!isBureauError(e) || !e.retryable) throw e;
        profile = this.offlineLogin(address, password, e.message);
        offline = true;
      }
    }
    this.meta.put('profile', profile);
    this.meta.put('session', { email: address, signedInAt: this.now().toISOString(), offline });
    return { profile, offline };
  }

  /** The bureau cannot be reached: the account that last signed in online may work offline. */
  private offlineLogin(address: string, password: string, why: string): EnterpriseProfile {
    const credential = this.meta.get<OfflineCredential>('offline-credential');
    const profile = this.meta.get<EnterpriseProfile>('profile');
    if (!credential || credential.email !== address || !profile) {
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
    return profile;
  }

  logout(): void {
    this.meta.delete('session');
    this.secrets.delete(TOKEN_SECRET);
  }

  saveProfile(patch: Omit<EnterpriseProfile, 'email'>): EnterpriseProfile {
    const current = this.current();
    if (!current) throw new ServiceError('NOT_SIGNED_IN', '请先登录 / Please sign in first');
    const profile = { ...current, ...patch, email: current.email };
    this.meta.put('profile', profile);
    return profile;
  }
}

/** A secret store in memory, for a host that has none (tests). */
export function memorySecrets(): SecretStore {
  const all = new Map<string, string>();
  return { get: (n) => all.get(n) ?? null, set: (n, v) => void all.set(n, v), delete: (n) => void all.delete(n) };
}
