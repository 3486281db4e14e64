/**
 * Attachments (field type 'attachment'): a scanned document stored in the form's values as a data
 * URL, like a photo — a PDF, JPEG or PNG whose content starts as its type says, within the field's
 * length. Main stores each file once by its content (main/services/store/blobs.ts); the form
 * and the bridge only ever see the data URL.
 */

/** The types accepted and the first bytes of each, base64-encoded (%PDF-, FF D8 FF, the PNG signature). */
const TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'JVBERi0',
  'image/jpeg': '/9j/',
  'image/png': 'iVBORw0KGgo',
};

const DATA_URL = /^data:([a-z]+\/[a-z.+-]+);base64,([A-Za-z0-9+/]+={0,2})$/;

/** The decoded size of a base64 payload, in bytes. */
export function base64Bytes(payload: string): number {
  const pad = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  return Math.floor((payload.length * 3) / 4) - pad;
}

/** Largest file whose data URL fits `maxChars`, in whole kB (for the messages). */
export const maxKbFor = (maxChars: number): number => Math.floor(((maxChars - 40) * 3) / 4 / 1024);

/** The attachment's type and size, or null when the value is not an accepted data URL. */
export function attachmentInfo(value: string): { type: string; bytes: number } | null {
  const m = DATA_URL.exec(value);
  if (!m?.[1] || !m[2]) return null;
  const magic = TYPES[m[1]];
  if (!magic || !m[2].startsWith(magic)) return null;
  return { type: m[1], bytes: base64Bytes(m[2]) };
}

/** The refusal of a file too large for a field of `maxChars`. */
export function attachmentTooLarge(maxChars: number, label: { zh: string; en: string }): { code: string; message: string } {
  const kb = maxKbFor(maxChars);
  return {
    code: 'attachment.tooLarge',
    message: `「${label.zh}」文件过大，不能超过 ${kb} KB，请压缩或分辨率调低后重新上传 / ${label.en}: the file is too large (at most ${kb} kB); compress it or scan at a lower resolution`,
  };
}

/**
 * The check of one attachment value against `maxChars` (the field's storage length): a bilingual
 * finding naming the field, or null. The length is checked before the content is looked at.
 */
export function checkAttachment(value: string, maxChars: number, label: { zh: string; en: string }): { code: string; message: string } | null {
  if (value.length > maxChars) return attachmentTooLarge(maxChars, label);
  if (!attachmentInfo(value)) {
    return {
      code: 'attachment.type',
      message: `「${label.zh}」须为 PDF、JPEG 或 PNG 文件，请重新上传 / ${label.en} must be a PDF, JPEG or PNG file; upload it again`,
    };
  }
  return null;
}
