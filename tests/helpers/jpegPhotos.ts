/**
 * Real JPEG passport photos for tests and the bench: 413×531 px (35×45 mm at 300 dpi), encoded by
 * jpeg-js from a deterministic picture with noise, so each weighs what a scanned photo weighs
 * (60–120 KB). Encoding takes ~40 ms, so `distinctPhoto` encodes a small set of base pictures once
 * and makes each person's photo distinct (other bytes, other sha-256) with a JPEG comment segment:
 * still a valid JPEG of the same picture, the way two scans of one print differ.
 */
import jpeg from 'jpeg-js';
import { prng } from './prng';

export const PHOTO_WIDTH = 413;
export const PHOTO_HEIGHT = 531;

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** One encoded photo: a face-like oval on a coloured background; `noise` sets the weight. */
export function encodePhoto(seed: number, noise = 40, quality = 85): Buffer {
  const random = prng(seed);
  const data = Buffer.alloc(PHOTO_WIDTH * PHOTO_HEIGHT * 4);
  const hue = Math.floor(random() * 60);
  for (let y = 0; y < PHOTO_HEIGHT; y++) {
    for (let x = 0; x < PHOTO_WIDTH; x++) {
      const i = (y * PHOTO_WIDTH + x) * 4;
      const dx = (x - PHOTO_WIDTH / 2) / (PHOTO_WIDTH / 3);
      const dy = (y - PHOTO_HEIGHT / 2.4) / (PHOTO_HEIGHT / 3);
      const face = dx * dx + dy * dy < 1;
      const n = (random() - 0.5) * noise;
      data[i] = clamp((face ? 215 : 80 + hue) + n + y / 8);
      data[i + 1] = clamp((face ? 180 : 120) + n);
      data[i + 2] = clamp((face ? 150 : 200 - hue) + n - x / 10);
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ data, width: PHOTO_WIDTH, height: PHOTO_HEIGHT }, quality).data;
}

/** `jpeg` with a COM segment after SOI holding `comment` (at most 65,533 bytes). */
export function withComment(jpegBytes: Buffer, comment: Buffer): Buffer {
  const length = comment.length + 2;
  const segment = Buffer.alloc(4);
  segment[0] = 0xff;
  segment[1] = 0xfe;
  segment.writeUInt16BE(length, 2);
  return Buffer.concat([jpegBytes.subarray(0, 2), segment, comment, jpegBytes.subarray(2)]);
}

const BASES = 64;
let bases: Buffer[] | null = null;

/** The base pictures, 60–112 KB, encoded on first use (~3 s). */
function basePhotos(): Buffer[] {
  if (!bases) {
    // noise 32 weighs ~66 KB, 64 ~ 110 KB at quality 85
    bases = Array.from({ length: BASES }, (_, k) => encodePhoto(1000 + k, 32 + (k % 32)));
  }
  return bases;
}

/**
 * Person `i`'s photo: a real 413×531 JPEG of 60–120 KB whose bytes no other `i` shares
 * (deterministic: the same `i` gives the same bytes on every run).
 */
export function distinctPhoto(i: number): Buffer {
  const base = basePhotos()[i % BASES] as Buffer;
  const random = prng(i + 1);
  const pad = Buffer.alloc(16 + Math.floor(random() * 4096));
  for (let k = 0; k < pad.length; k++) pad[k] = Math.floor(random() * 256);
  pad.write(`permit-desk photo ${i}\0`, 0, 'latin1');
  return withComment(base, pad);
}

export const jpegDataUrl = (bytes: Buffer): string => `data:image/jpeg;base64,${bytes.toString('base64')}`;
