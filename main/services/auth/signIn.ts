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
  /** a sign-in that failed after `open`: closes the store unless it is the signed-in one */
  release(enterprise: OpenEnterprise): void;
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
  /** opens the store of `key` and runs `step` on it; a failure closes what it opened */
  const within = <T>(key: string, step: (e: OpenEnterprise) => T): { enterprise: OpenEnterprise; value: T } => {
    const enterprise = deps.open(key);
    try {
      return { enterprise, value: step(enterprise) };
    } catch (e) {
      deps.release(enterprise);
      throw e;
    }
  };

  if (!client) {
    const { enterprise, value } = within(localKey(address), (e) => e.core().session.rememberLocal(address));
    result = { enterprise, profile: value, offline: false };
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
      const profile = { ...online.profile, uscc, email: address };
      const token = online.token;
      const { enterprise } = within(uscc, (e) => e.core().session.rememberOnline(address, password, profile, token));
      result = { enterprise, profile, offline: false };
    } else {
      const known = deps.desk.enterpriseOfEmail(address);
      if (!known) {
        throw new ServiceError(
          'OFFLINE',
          `无法连接主管部门系统，本机也没有该账户的登录记录；首次登录需要联网 / The bureau cannot be reached and this account has not signed in on this computer before; the first sign-in needs a network (${offlineWhy})`,
        );
      }
      const { enterprise, value } = within(known.key, (e) => e.core().session.verifyOffline(address, password, offlineWhy));
      result = { enterprise, profile: value, offline: true };
    }
  }

  const at = deps.now().toISOString();
  const done = result;
  try {
    // the list first, the session last: a failure in between leaves nobody newly signed in
    deps.desk.upsertEnterprise({ key: done.enterprise.key, uscc: done.profile.uscc, name: done.profile.name, lastSignedInAt: at }, address, {
      sole: !done.offline,
    });
    deps.desk.setSession({ key: done.enterprise.key, email: address, signedInAt: at, offline: done.offline });
  } catch (e) {
    deps.release(done.enterprise);
    throw e;
  }
  return done;
}
