import { z } from 'zod';
import type { EnterpriseProfile } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import type { MetaStore } from '../store/meta';

/**
 * Who is signed in. Until the bureau login arrives (sync issue), any well-formed enterprise email
 * signs in and a local enterprise profile is kept; `BureauLogin` is the seam the real one plugs into.
 */
export interface BureauLogin {
  login(email: string, password: string): Promise<{ profile: EnterpriseProfile }>;
}

const email = z.string().trim().toLowerCase().pipe(z.email());

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

export class SessionService {
  constructor(
    private readonly meta: MetaStore,
    private readonly bureau: BureauLogin | null,
    private readonly now: () => Date,
  ) {}

  current(): EnterpriseProfile | null {
    const session = this.meta.get<{ email: string }>('session');
    if (!session) return null;
    return this.meta.get<EnterpriseProfile>('profile') ?? emptyProfile(session.email);
  }

  async login(rawEmail: string, password: string): Promise<EnterpriseProfile> {
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
    let profile: EnterpriseProfile;
    if (this.bureau) {
      profile = (await this.bureau.login(address, password)).profile;
    } else {
      const known = this.meta.get<EnterpriseProfile>('profile');
      profile = known && known.email === address ? known : emptyProfile(address);
    }
    this.meta.put('profile', profile);
    this.meta.put('session', { email: address, signedInAt: this.now().toISOString() });
    return profile;
  }

  logout(): void {
    this.meta.delete('session');
  }

  saveProfile(patch: Omit<EnterpriseProfile, 'email'>): EnterpriseProfile {
    const current = this.current();
    if (!current) throw new ServiceError('NOT_SIGNED_IN', '请先登录 / Please sign in first');
    const profile = { ...current, ...patch, email: current.email };
    this.meta.put('profile', profile);
    return profile;
  }
}
