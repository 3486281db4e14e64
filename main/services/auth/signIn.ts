/**
 * Signing in on the desk (使用企业邮箱登录): the bureau says which enterprise an email belongs to
 * (its 统一社会信用代码), and only that enterprise's store is opened. Offline, the desk finds the
 * enterprise the email last signed in to here and checks the password against that store alone.
 */
import { z } from 'zod';
import type { EnterpriseProfile } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import { checkUscc } from '../../../shared/validation';
import { isBureauError, type BureauClient } from '../bureau';
import type { DeskStore } from '../desk/deskStore';
import { localKey } from '../desk/enterpriseDirs';
import type { OpenEnterprise } from '../enterprise/openCore';

const email = z.string().trim().toLowerCase().pipe(z.email());

export interface SignInDeps {
  desk: DeskStore;
  /** a bureau client without a token, for the sign-in itself; null when no bureau is configured */
  loginClient(): BureauClient | null;
  /** the open enterprise with this key if it is the signed-in one, else opens its store */
  open(key: string): OpenEnterprise;
  now(): Date;
}

export interface SignedIn {
  enterprise: OpenEnterprise;
  profile: EnterpriseProfile;
  offline: boolean;
}

export async function signIn(deps: SignInDeps, rawEmail: string, password: string): Promise<SignedIn> {
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
  const client = deps.loginClient();

  let result: SignedIn;
  if (!client) {
    const enterprise = deps.open(localKey(address));
    result = { enterprise, profile: enterprise.core().session.rememberLocal(address), offline: false };
  } else {
    let online: { token: string; profile: EnterpriseProfile } | null = null;
    let offlineWhy = '';
    try {
      online = await client.login(address, password);
    } catch (e) {
      if (isBureauError(e) && e.kind === 'validation') {
        const message = '企业邮箱或密码错误 / Wrong enterprise email or password';
        throw new ServiceError('INVALID_INPUT', message, { password: message });
      }
      // an address the desk will not send a password to (plain http to another machine): fix it under 设置
      if (isBureauError(e) && e.kind === 'address') throw new ServiceError('INVALID_INPUT', e.message, { bureauUrl: e.message });
      if (!isBureauError(e) || !e.retryable) throw e;
      offlineWhy = e.message;
    }
    if (online) {
      const uscc = online.profile.uscc.trim().toUpperCase();
      if (checkUscc(uscc) !== null) {
        throw new ServiceError(
          'INVALID_STATE',
          `主管部门返回的统一社会信用代码「${uscc.slice(0, 30)}」无效，无法确定单位，未登录 / The bureau returned an invalid unified social credit code "${uscc.slice(0, 30)}"; the enterprise cannot be told, so nobody was signed in`,
        );
      }
      const enterprise = deps.open(uscc);
      const profile = { ...online.profile, uscc, email: address };
      enterprise.core().session.rememberOnline(address, password, profile, online.token);
      result = { enterprise, profile, offline: false };
    } else {
      const known = deps.desk.enterpriseOfEmail(address);
      if (!known) {
        throw new ServiceError(
          'OFFLINE',
          `无法连接主管部门系统，本机也没有该账户的登录记录；首次登录需要联网 / The bureau cannot be reached and this account has not signed in on this computer before; the first sign-in needs a network (${offlineWhy})`,
        );
      }
      const enterprise = deps.open(known.key);
      result = { enterprise, profile: enterprise.core().session.verifyOffline(address, password, offlineWhy), offline: true };
    }
  }

  const at = deps.now().toISOString();
  deps.desk.setSession({ key: result.enterprise.key, email: address, signedInAt: at, offline: result.offline });
  deps.desk.upsertEnterprise({ key: result.enterprise.key, uscc: result.profile.uscc, name: result.profile.name, lastSignedInAt: at }, address);
  return result;
}
