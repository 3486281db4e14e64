/**
 * Where the bureau token may go: only to the origin that issued it, and only over https (plain
 * http is allowed to this computer alone: 127.0.0.0/8, ::1, localhost, where the sandbox runs).
 *
 * The client hands out the token it signed in with as an opaque credential that names the origin
 * (`bindToken`); the caller stores that string as it is. Before every request the client reads
 * the origin back (`unbindToken`) and sends the token only when it is its own origin: after the
 * address changes under 设置, the old token is never sent anywhere and a new sign-in is needed.
 */

const BOUND_PREFIX = 'pd-bound-token:v1:';

export type BureauAddress = { ok: true; origin: string; baseUrl: string } | { ok: false; message: string };

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255);
}

/** The bureau address as the client will use it, or why it cannot be used ("中文 / English"). */
export function bureauAddress(raw: string): BureauAddress {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `预审系统地址「${text.slice(0, 200)}」不是有效的网址 / The bureau address "${text.slice(0, 200)}" is not a valid URL` };
  }
  if (url.username || url.password) {
    return { ok: false, message: '预审系统地址不能包含用户名或密码 / The bureau address must not contain a user name or password' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: '预审系统地址不能包含查询参数或锚点 / The bureau address must not contain a query or a fragment' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `不能用未加密的 http 连接 ${url.host}：登录凭证和申请人的个人信息会明文传输；请改用 https 地址（http 只允许本机 127.0.0.1 / localhost） / Plain http to ${url.host} is refused: the token and the applicants' personal data would travel unencrypted; use an https address (http is allowed only to this computer, 127.0.0.1 / localhost)`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `预审系统地址须以 https:// 开头（不支持 ${url.protocol}） / The bureau address must start with https:// (${url.protocol} is not supported)` };
  }
  return { ok: true, origin: url.origin, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The credential to store after signing in at `origin`: the token, bound to that origin. */
export function bindToken(origin: string, token: string): string {
  return `${BOUND_PREFIX}${Buffer.from(origin, 'utf8').toString('base64url')}:${token}`;
}

/** The origin and token of a stored credential; null for anything else (a bare token included). */
export function unbindToken(stored: string): { origin: string; token: string } | null {
  if (!stored.startsWith(BOUND_PREFIX)) return null;
  const rest = stored.slice(BOUND_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  const origin = Buffer.from(rest.slice(0, colon), 'base64url').toString('utf8');
  const token = rest.slice(colon + 1);
  return origin && token ? { origin, token } : null;
}
