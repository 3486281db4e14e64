/**
 * HTML building blocks for the print templates: escaping and the one kind of URL a printout may
 * embed (the applicant photo as a data URL). Pure: no DOM, no Node.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text or attribute value: every `& < > " '` escaped, so a value always prints as text. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const PHOTO_URL = /^data:image\/(?:png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The photo's data URL when it is a base64 PNG or JPEG data URL and nothing else (no remote URL,
 * no SVG, no javascript:), else null. Whitespace inside the base64 is dropped.
 */
export function safePhotoUrl(value: string | undefined): string | null {
  if (!value) return null;
  const compact = value.trim().replace(/\s+/g, '');
  return PHOTO_URL.test(compact) ? compact : null;
}
