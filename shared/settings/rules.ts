/**
 * The rules of 设置 and 企业信息, once: the settings page runs them as the user types, and main runs
 * them before anything is stored. A wrong value is refused with its field's message, never clamped.
 */
import type { EnterpriseProfile, Settings } from '../bridge/contract';
import { checkPhone, checkPostcode, checkUscc, finding, type Finding } from '../validation';

export const SYNC_INTERVAL_RANGE = { min: 1, max: 1440 } as const;
/** yuan per month: below any Chinese city's statutory minimum, above any plausible one */
export const MINIMUM_WAGE_RANGE = { min: 1000, max: 20000 } as const;
export const MAX_SOURCE_LENGTH = 500;

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255);
}

/**
 * 办事大厅地址: empty (no bureau: sign in locally), https, or http to this computer only; no user
 * name, password, query or fragment. The one rule: 设置 runs it, and the bureau client refuses to
 * send anything to an address that breaks it.
 */
export function checkBureauUrl(value: string): Finding | null {
  const text = value.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return finding('settings.url', `办事大厅地址「${text.slice(0, 200)}」不是有效的网址，应如 https://example.gov.cn`, `The bureau (办事大厅) address "${text.slice(0, 200)}" is not a valid URL; it should look like https://example.gov.cn`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return finding('settings.url', `办事大厅地址应以 https:// 开头（不支持 ${url.protocol}）`, `The bureau (办事大厅) address must start with https:// (${url.protocol} is not supported)`);
  }
  if (url.username || url.password) {
    return finding('settings.url', '办事大厅地址不能包含用户名或密码', 'The bureau (办事大厅) address must not contain a user name or password');
  }
  if (url.search || url.hash) {
    return finding('settings.url', '办事大厅地址不能包含查询参数或锚点', 'The bureau (办事大厅) address must not contain a query or a fragment');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return finding(
      'settings.url.http',
      `不能用未加密的 http 连接 ${url.host}：登录凭证和申请人的个人信息会明文传输；请改用 https 地址（http 只允许本机 127.0.0.1 / localhost）`,
      `Plain http to ${url.host} is refused: the token and the applicants' personal data would travel unencrypted; use an https address (http is allowed only to this computer, 127.0.0.1 / localhost)`,
    );
  }
  return null;
}

export function checkSyncInterval(value: number): Finding | null {
  if (Number.isInteger(value) && value >= SYNC_INTERVAL_RANGE.min && value <= SYNC_INTERVAL_RANGE.max) return null;
  return finding(
    'settings.syncInterval',
    `自动同步间隔应为 ${SYNC_INTERVAL_RANGE.min}–${SYNC_INTERVAL_RANGE.max} 之间的整数（分钟）`,
    `The sync interval must be a whole number of minutes from ${SYNC_INTERVAL_RANGE.min} to ${SYNC_INTERVAL_RANGE.max}`,
  );
}

export function checkMinimumWage(value: number): Finding | null {
  if (Number.isInteger(value) && value >= MINIMUM_WAGE_RANGE.min && value <= MINIMUM_WAGE_RANGE.max) return null;
  return finding(
    'settings.minimumWage',
    `月最低工资标准应为 ${MINIMUM_WAGE_RANGE.min}–${MINIMUM_WAGE_RANGE.max} 元之间的整数（广州市现为 2500 元）`,
    `The monthly minimum wage must be a whole number of yuan from ${MINIMUM_WAGE_RANGE.min} to ${MINIMUM_WAGE_RANGE.max} (Guangzhou: 2500)`,
  );
}

export function checkMinimumWageSource(value: string): Finding | null {
  if (value.trim() !== '' && value.length <= MAX_SOURCE_LENGTH) return null;
  return finding(
    'settings.minimumWageSource',
    `请填写最低工资标准的依据（文件名称与文号），不超过 ${MAX_SOURCE_LENGTH} 字`,
    `Enter the source of the minimum wage (the notice and its number), at most ${MAX_SOURCE_LENGTH} characters`,
  );
}

/** Every problem of a settings change, by field; empty when it may be stored. */
export function settingsProblems(patch: Partial<Settings>): Record<string, string> {
  const problems: Record<string, string> = {};
  const add = (key: keyof Settings, f: Finding | null) => {
    if (f) problems[key] = f.message;
  };
  if (patch.bureauUrl !== undefined) add('bureauUrl', checkBureauUrl(patch.bureauUrl));
  if (patch.syncIntervalMinutes !== undefined) add('syncIntervalMinutes', checkSyncInterval(patch.syncIntervalMinutes));
  if (patch.minimumWage !== undefined) add('minimumWage', checkMinimumWage(patch.minimumWage));
  if (patch.minimumWageSource !== undefined) add('minimumWageSource', checkMinimumWageSource(patch.minimumWageSource));
  return problems;
}

const MAX_PROFILE_TEXT = 200;

/** 企业信息: what is prefilled into every new form must itself be right. Empty fields are allowed (not known yet). */
export function profileProblems(profile: Omit<EnterpriseProfile, 'email'>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (profile.uscc !== '') {
    const f = checkUscc(profile.uscc);
    if (f) problems.uscc = f.message;
  }
  if (profile.phone !== '') {
    const f = checkPhone(profile.phone);
    if (f) problems.phone = f.message;
  }
  if (profile.postcode !== '') {
    const f = checkPostcode(profile.postcode);
    if (f) problems.postcode = f.message;
  }
  for (const key of ['name', 'address', 'type', 'legalRep', 'contact'] as const) {
    if (profile[key].length > MAX_PROFILE_TEXT) {
      problems[key] = finding('profile.length', `不能超过 ${MAX_PROFILE_TEXT} 字`, `At most ${MAX_PROFILE_TEXT} characters`).message;
    }
  }
  return problems;
}

/** The one-line refusal shown above a form whose fields were refused. */
export const SETTINGS_REFUSED = '设置有误，未保存：请按各项提示更正 / Some settings are wrong and nothing was saved: correct them as shown';
