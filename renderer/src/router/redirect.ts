/** A path to return to after login: only an in-app path (never an absolute URL, never /login). */
export function safeRedirect(value: unknown): string {
  const s = Array.isArray(value) ? value[0] : value;
  if (typeof s !== 'string' || !s.startsWith('/') || s.startsWith('//') || s.startsWith('/login')) return '/';
  return s;
}
