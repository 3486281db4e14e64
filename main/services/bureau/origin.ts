/**
 * Where the bureau token may go: only to the origin that issued it, and only over https (plain
 * http is allowed to this computer alone: 127.0.0.0/8, ::1, localhost, where the sandbox runs).
 *
 * The client hands out the token it signed in with as an opaque credential that names the origin
 * (`bindToken`); the caller stores that string as it is. Before every request the client reads
 * the origin back (`unbindToken`) and sends the token only when it is its own origin: after the
 * address changes under 设置, the old token is never sent anywhere and a new sign-in is needed.
 */

import { checkBureauUrl, isLoopbackHost } from '../../../shared/settings/rules';

const BOUND_PREFIX = 'pd-bound-token:v1:';

export type BureauAddress = { ok: true; origin: string; baseUrl: string } | { ok: false; message: string };

export { isLoopbackHost };

/** The bureau address as the client will use it, or why it cannot be used (shared/settings/rules.ts). */
export function bureauAddress(raw: string): BureauAddress {
  // empty means "no bureau" in 设置; here there must be one
  const problem = raw.trim() === '' ? { message: '未设置办事大厅地址 / No bureau (办事大厅) address is set' } : checkBureauUrl(raw);
  if (problem) return { ok: false, message: problem.message };
  const url = new URL(raw.trim());
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
