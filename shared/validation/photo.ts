/**
 * 照片 (person.photo, hmt.photo): a base64 data URL of a JPEG or PNG, at most 1 MB, at least
 * 354×472 px. Pure byte parsing, no DOM, no Buffer.
 */
import { finding, type Finding } from './finding';

export interface ImageInfo {
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

export const PHOTO_MAX_BYTES = 1024 * 1024;
export const PHOTO_MIN_WIDTH = 354;
export const PHOTO_MIN_HEIGHT = 472;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Bytes as an array, or as a binary string (one character per byte, what atob returns). */
type ByteSource = Uint8Array | string;

function byteAt(bytes: ByteSource, i: number): number {
  if (typeof bytes === 'string') return i < bytes.length ? bytes.charCodeAt(i) : 0;
  return bytes[i] ?? 0;
}

function u16(bytes: ByteSource, i: number): number {
  return (byteAt(bytes, i) << 8) | byteAt(bytes, i + 1);
}

function u32(bytes: ByteSource, i: number): number {
  return byteAt(bytes, i) * 0x1000000 + ((byteAt(bytes, i + 1) << 16) | (byteAt(bytes, i + 2) << 8) | byteAt(bytes, i + 3));
}

/** The format announced by the first bytes (signature only, nothing else is parsed). */
export function sniffImageType(bytes: ByteSource): ImageInfo['mime'] | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => byteAt(bytes, i) === b)) return 'image/png';
  if (bytes.length >= 3 && byteAt(bytes, 0) === 0xff && byteAt(bytes, 1) === 0xd8 && byteAt(bytes, 2) === 0xff) return 'image/jpeg';
  return null;
}

function pngInfo(bytes: ByteSource): ImageInfo | null {
  // signature (8) | length (4) = 13 | "IHDR" | width (4) | height (4) | …
  if (bytes.length < 24) return null;
  if (u32(bytes, 8) !== 13) return null;
  if (byteAt(bytes, 12) !== 0x49 || byteAt(bytes, 13) !== 0x48 || byteAt(bytes, 14) !== 0x44 || byteAt(bytes, 15) !== 0x52) return null;
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  if (width === 0 || height === 0) return null;
  return { mime: 'image/png', width, height };
}

/** SOF0..SOF15 are C0..CF except C4 (DHT), C8 (JPG, reserved) and CC (DAC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegInfo(bytes: ByteSource): ImageInfo | null {
  if (byteAt(bytes, 0) !== 0xff || byteAt(bytes, 1) !== 0xd8) return null;
  let i = 2;
  while (i < bytes.length) {
    if (byteAt(bytes, i) !== 0xff) return null; // every segment starts with a marker
    while (i < bytes.length && byteAt(bytes, i) === 0xff) i++; // fill bytes
    if (i >= bytes.length) return null;
    const marker = byteAt(bytes, i);
    i++;
    // markers without a length: TEM, RST0..RST7 (SOI again would be corrupt)
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || marker === 0x00) return null; // no frame before scan / end
    if (i + 2 > bytes.length) return null;
    const length = u16(bytes, i);
    if (length < 2 || i + length > bytes.length) return null;
    if (isStartOfFrame(marker)) {
      // length (2) | precision (1) | height (2) | width (2) | components (1) …
      if (length < 8) return null;
      const height = u16(bytes, i + 3);
      const width = u16(bytes, i + 5);
      // height 0 means "defined by DNL later": we cannot tell the size, treat as unreadable
      if (width === 0 || height === 0) return null;
      return { mime: 'image/jpeg', width, height };
    }
    i += length;
  }
  return null;
}

/** Format and pixel size from a PNG's IHDR or a JPEG's first SOFn segment; null if unreadable. */
export function imageInfo(bytes: ByteSource): ImageInfo | null {
  switch (sniffImageType(bytes)) {
    case 'image/png':
      return pngInfo(bytes);
    case 'image/jpeg':
      return jpegInfo(bytes);
    default:
      return null;
  }
}

/** Base64 value of each ASCII code, 255 for characters outside the alphabet. */
const BASE64_VALUES: Uint8Array = (() => {
  const table = new Uint8Array(128).fill(255);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

const sextet = (s: string, i: number): number => BASE64_VALUES[s.charCodeAt(i)] ?? 255;

/**
 * Strict base64 (RFC 4648 alphabet, padding optional, ASCII whitespace ignored); null if invalid.
 * Four characters at a time: a photo's 130,000 characters are decoded on every check of a form.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const s = /[\t\n\f\r ]/.test(text) ? text.replace(/[\t\n\f\r ]+/g, '') : text;
  let end = s.length;
  let pad = 0;
  while (pad < 2 && end > 0 && s.charCodeAt(end - 1) === 0x3d) {
    end--;
    pad++;
  }
  if (pad > 0 && s.length % 4 !== 0) return null;
  const rest = end % 4;
  if (rest === 1) return null;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  const full = end - rest;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = sextet(s, i);
    const b = sextet(s, i + 1);
    const c = sextet(s, i + 2);
    const d = sextet(s, i + 3);
    if ((a | b | c | d) > 63) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest > 0) {
    const a = sextet(s, full);
    const b = sextet(s, full + 1);
    const c = rest === 3 ? sextet(s, full + 2) : 0;
    if ((a | b | c) > 63) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (rest === 3) out[o++] = (n >> 8) & 0xff;
  }
  return out;
}

/**
 * Splits a base64 data URL (`data:image/jpeg;base64,…`). The mime is lower-cased ('' if absent).
 * Null if it is not a data URL, is not base64-encoded, or the base64 is malformed.
 */
export function dataUrlToBytes(dataUrl: string): { mime: string; bytes: Uint8Array } | null {
  const m = /^data:([^,;]*)((?:;[^,;]*)*),([\s\S]*)$/.exec(dataUrl);
  if (!m) return null;
  const params = (m[2] ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (!params.includes('base64')) return null;
  const bytes = decodeBase64(m[3] ?? '');
  if (!bytes) return null;
  return { mime: (m[1] ?? '').trim().toLowerCase(), bytes };
}

/**
 * dataUrlToBytes for the checks, without copying the photo into an array: the platform's atob
 * (forgiving-base64, the same strictness as decodeBase64: ASCII whitespace ignored, padding
 * optional, nothing outside the alphabet) gives a binary string the image parsers read.
 */
function dataUrlToBinary(dataUrl: string): { mime: string; bytes: ByteSource } | null {
  if (typeof atob !== 'function') return dataUrlToBytes(dataUrl);
  const m = /^data:([^,;]*)((?:;[^,;]*)*),/.exec(dataUrl);
  if (!m) return null;
  const params = (m[2] ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (!params.includes('base64')) return null;
  try {
    return { mime: (m[1] ?? '').trim().toLowerCase(), bytes: atob(dataUrl.slice(m[0].length)) };
  } catch {
    return null;
  }
}

function declaredImageMime(mime: string): ImageInfo['mime'] | null {
  if (mime === 'image/jpeg' || mime === 'image/jpg' || mime === 'image/pjpeg') return 'image/jpeg';
  if (mime === 'image/png') return 'image/png';
  return null;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * 照片 as a data URL. Codes, in the order they are checked:
 * - 'photo.corrupt': not a readable base64 data URL, or a JPEG/PNG whose size cannot be read;
 * - 'photo.type': not JPEG/PNG (by declared mime or by content), or the declared mime disagrees
 *   with the content;
 * - 'photo.size': more than PHOTO_MAX_BYTES (1 MB = 1,048,576 bytes) once decoded;
 * - 'photo.pixels': narrower than 354 or lower than 472 pixels.
 */
export function checkPhoto(dataUrl: string): Finding | null {
  const parsed = dataUrlToBinary(dataUrl);
  if (!parsed) {
    return finding(
      'photo.corrupt',
      '照片无法读取，请重新选择 JPEG 或 PNG 格式的照片文件',
      'Photo cannot be read; choose the JPEG or PNG photo file again',
    );
  }
  const declared = declaredImageMime(parsed.mime);
  const actual = sniffImageType(parsed.bytes);
  if (!declared || !actual || declared !== actual) {
    const mismatch = declared !== null && actual !== null;
    return finding(
      'photo.type',
      mismatch
        ? '照片的文件扩展名与内容不符，请用图片软件另存为 JPEG 或 PNG 后重新选择'
        : '照片只能是 JPEG 或 PNG 格式，请转换格式后重新选择',
      mismatch
        ? 'Photo: the file type does not match its content; save it again as JPEG or PNG in an image editor and choose it again'
        : 'Photo must be a JPEG or PNG file; convert it and choose it again',
    );
  }
  if (parsed.bytes.length > PHOTO_MAX_BYTES) {
    return finding(
      'photo.size',
      `照片文件过大（${formatSize(parsed.bytes.length)}），最大 1 MB，请压缩后重新选择`,
      `Photo file is too large (${formatSize(parsed.bytes.length)}); the maximum is 1 MB: compress it and choose it again`,
    );
  }
  const info = imageInfo(parsed.bytes);
  if (!info) {
    return finding(
      'photo.corrupt',
      '照片文件已损坏，无法读取尺寸，请重新导出照片后再选择',
      'Photo file is damaged and its size cannot be read; export the photo again and choose it again',
    );
  }
  if (info.width < PHOTO_MIN_WIDTH || info.height < PHOTO_MIN_HEIGHT) {
    return finding(
      'photo.pixels',
      `照片尺寸为 ${info.width}×${info.height} 像素，至少需要 ${PHOTO_MIN_WIDTH}×${PHOTO_MIN_HEIGHT} 像素（宽×高），请换用更清晰的照片`,
      `Photo is ${info.width}×${info.height} pixels; at least ${PHOTO_MIN_WIDTH}×${PHOTO_MIN_HEIGHT} (width×height) is needed: use a larger photo`,
    );
  }
  return null;
}
