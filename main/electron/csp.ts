/**
 * The renderer's Content-Security-Policy, sent as a response header with every HTML document
 * served from permit-desk://app (see protocol.ts). Pure: no `electron` import.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  // only the bundled scripts: no inline script, no eval, no remote code
  ['script-src', "'self'"],
  // 'unsafe-inline' for styles only: Element Plus (and Vue's transitions) set inline `style`
  // attributes and inject <style> elements at runtime (popper positions, z-index, CSS variables).
  // Style injection cannot run code, so this is the accepted trade-off; scripts stay strict.
  ['style-src', "'self' 'unsafe-inline'"],
  // data:/blob: for the applicant photo (data URL) and generated previews
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  // the renderer talks to main over IPC only; it never fetches the network itself
  ['connect-src', "'self'"],
  // pdf.js runs its worker from the bundle or from a blob: URL
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

export const CSP_HEADER = 'Content-Security-Policy';

/**
 * Returns a copy of `headers` carrying our CSP. Any CSP header already present (in any letter
 * case) is replaced, never merged, so nothing can loosen it.
 */
export function withCsp<V extends string | string[]>(
  headers: Readonly<Record<string, V>>,
  wrap: (policy: string) => V,
): Record<string, V>;
export function withCsp(headers?: Readonly<Record<string, string>>): Record<string, string>;
export function withCsp(
  headers: Readonly<Record<string, string | string[]>> = {},
  wrap: (policy: string) => string | string[] = (policy) => policy,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== CSP_HEADER.toLowerCase()) out[name] = value;
  }
  out[CSP_HEADER] = wrap(CONTENT_SECURITY_POLICY);
  return out;
}
