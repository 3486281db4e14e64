import { describe, it, expect } from 'vitest';
import {
  checkPhoto,
  dataUrlToBytes,
  decodeBase64,
  imageInfo,
  PHOTO_MAX_BYTES,
  PHOTO_MIN_HEIGHT,
  PHOTO_MIN_WIDTH,
} from '../../../shared/validation';

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** PNG signature + IHDR chunk (CRC not checked, zeros) + IEND, padded with zeros to `totalBytes`. */
function png(width: number, height: number, totalBytes = 0): Uint8Array {
  const bytes = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...u32(13), ...ascii('IHDR'), ...u32(width), ...u32(height), 8, 2, 0, 0, 0, ...u32(0),
    ...u32(0), ...ascii('IEND'), 0xae, 0x42, 0x60, 0x82,
  ];
  const out = new Uint8Array(Math.max(totalBytes, bytes.length));
  out.set(bytes);
  return out;
}

const segment = (marker: number, payload: number[]): number[] => [0xff, marker, ...u16(payload.length + 2), ...payload];

const APP0 = segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, ...u16(1), ...u16(1), 0, 0]);
/**
 * A DHT segment whose first bytes, if wrongly read as a frame header, would announce 512×512:
 * the walker must skip it.
 */
const DHT = segment(0xc4, [0x00, 0x02, 0x00, 0x02, 0x00, ...new Array<number>(12).fill(0), 0x00, 0x01]);
const sof = (marker: number, width: number, height: number): number[] =>
  segment(marker, [8, ...u16(height), ...u16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const SOS = segment(0xda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 0x3f, 0]);

/** SOI, APP0, DHT, SOF0, SOS, a little entropy data, EOI. */
function jpeg(width: number, height: number, opts: { sofMarker?: number; before?: number[] } = {}): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8,
    ...APP0,
    ...(opts.before ?? []),
    ...DHT,
    ...sof(opts.sofMarker ?? 0xc0, width, height),
    ...SOS,
    0x12, 0x34, 0xff, 0x00, 0x56,
    0xff, 0xd9,
  ]);
}

const toDataUrl = (mime: string, bytes: Uint8Array): string =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

describe('imageInfo', () => {
  it.each([
    ['PNG 354×472', png(354, 472), { mime: 'image/png', width: 354, height: 472 }],
    ['PNG 100×120', png(100, 120), { mime: 'image/png', width: 100, height: 120 }],
    ['PNG 70000×1', png(70000, 1), { mime: 'image/png', width: 70000, height: 1 }],
    ['JPEG SOF0 600×800', jpeg(600, 800), { mime: 'image/jpeg', width: 600, height: 800 }],
    ['JPEG SOF0 100×100 after a DHT that looks like 512×512', jpeg(100, 100), { mime: 'image/jpeg', width: 100, height: 100 }],
    ['JPEG SOF2 (progressive)', jpeg(413, 531, { sofMarker: 0xc2 }), { mime: 'image/jpeg', width: 413, height: 531 }],
    ['JPEG SOF15', jpeg(400, 500, { sofMarker: 0xcf }), { mime: 'image/jpeg', width: 400, height: 500 }],
    [
      'JPEG with a DAC (CC) and a JPG (C8) segment before the frame',
      jpeg(354, 472, { before: [...segment(0xcc, [0x00, 0x10]), ...segment(0xc8, [1, 2, 3, 4, 5, 6])] }),
      { mime: 'image/jpeg', width: 354, height: 472 },
    ],
    [
      'JPEG with an APP1 that embeds a fake SOF0 of 4000×3000',
      jpeg(120, 160, { before: segment(0xe1, [...ascii('Exif'), 0, 0, ...sof(0xc0, 4000, 3000)]) }),
      { mime: 'image/jpeg', width: 120, height: 160 },
    ],
    [
      'JPEG with fill bytes before a marker',
      Uint8Array.from([0xff, 0xd8, 0xff, 0xff, ...sof(0xc0, 640, 480)]),
      { mime: 'image/jpeg', width: 640, height: 480 },
    ],
  ])('%s', (_name, bytes, expected) => {
    expect(imageInfo(bytes)).toEqual(expected);
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['GIF', Uint8Array.from(ascii('GIF89a\x01\x00\x01\x00'))],
    ['PNG signature only', png(0, 0).slice(0, 8)],
    ['PNG with zero width', png(0, 472)],
    ['PNG whose first chunk is not IHDR', Uint8Array.from([...png(354, 472).slice(0, 12), ...ascii('IDAT'), ...u32(354), ...u32(472)])],
    ['JPEG without a frame (SOI, APP0, EOI)', Uint8Array.from([0xff, 0xd8, ...APP0, 0xff, 0xd9])],
    ['JPEG with a scan before any frame', Uint8Array.from([0xff, 0xd8, ...APP0, ...DHT, ...SOS, 0xff, 0xd9])],
    ['JPEG truncated inside APP0', jpeg(600, 800).slice(0, 10)],
    ['JPEG truncated inside SOF0', jpeg(600, 800).slice(0, 2 + APP0.length + DHT.length + 6)],
    ['JPEG with garbage between segments', Uint8Array.from([0xff, 0xd8, ...APP0, 0x00, ...sof(0xc0, 600, 800)])],
  ])('%s → null', (_name, bytes) => {
    expect(imageInfo(bytes)).toBeNull();
  });
});

describe('decodeBase64 / dataUrlToBytes', () => {
  it('decodes like Buffer for every length and padding', () => {
    const all = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n <= 40; n++) {
      const slice = all.slice(0, n);
      const b64 = Buffer.from(slice).toString('base64');
      expect(decodeBase64(b64)).toEqual(slice);
      expect(decodeBase64(b64.replace(/=+$/, ''))).toEqual(slice); // padding optional
    }
    expect(decodeBase64(Buffer.from(all).toString('base64'))).toEqual(all);
  });

  it.each([['abc*'], ['a'], ['abcde'], ['ab=c'], ['ab==='], ['abc==']])('%s → null', (s) => {
    expect(decodeBase64(s)).toBeNull();
  });

  it('splits a data URL', () => {
    const r = dataUrlToBytes('data:IMAGE/PNG;base64,AAEC/w==');
    expect(r?.mime).toBe('image/png');
    expect(r?.bytes).toEqual(Uint8Array.from([0, 1, 2, 255]));
    expect(dataUrlToBytes('data:image/png;name=a.png;base64,AAEC')?.bytes).toEqual(Uint8Array.from([0, 1, 2]));
  });

  it.each([['data:image/png,%89PNG'], ['image/png;base64,AAAA'], ['data:image/png;base64,AA*A'], ['']])(
    '%s → null',
    (s) => {
      expect(dataUrlToBytes(s)).toBeNull();
    },
  );
});

describe('checkPhoto', () => {
  it('uses the forms.md limits', () => {
    expect([PHOTO_MAX_BYTES, PHOTO_MIN_WIDTH, PHOTO_MIN_HEIGHT]).toEqual([1_048_576, 354, 472]);
  });

  it.each([
    ['PNG 354×472', toDataUrl('image/png', png(354, 472)), null],
    ['PNG 413×626', toDataUrl('image/png', png(413, 626)), null],
    ['JPEG 600×800', toDataUrl('image/jpeg', jpeg(600, 800)), null],
    ['JPEG declared image/jpg', toDataUrl('image/jpg', jpeg(600, 800)), null],
    ['PNG of exactly 1 MB', toDataUrl('image/png', png(400, 600, PHOTO_MAX_BYTES)), null],
    ['PNG of 1 MB + 1 byte', toDataUrl('image/png', png(400, 600, PHOTO_MAX_BYTES + 1)), 'photo.size'],
    ['PNG 353×472', toDataUrl('image/png', png(353, 472)), 'photo.pixels'],
    ['PNG 354×471', toDataUrl('image/png', png(354, 471)), 'photo.pixels'],
    ['PNG 472×354 (landscape)', toDataUrl('image/png', png(472, 354)), 'photo.pixels'],
    ['JPEG 100×100', toDataUrl('image/jpeg', jpeg(100, 100)), 'photo.pixels'],
    ['JPEG content declared as PNG', toDataUrl('image/png', jpeg(600, 800)), 'photo.type'],
    ['PNG content declared as JPEG', toDataUrl('image/jpeg', png(600, 800)), 'photo.type'],
    ['GIF', toDataUrl('image/gif', Uint8Array.from(ascii('GIF89a\x01\x00\x01\x00'))), 'photo.type'],
    ['GIF content declared as JPEG', toDataUrl('image/jpeg', Uint8Array.from(ascii('GIF89a\x01\x00\x01\x00'))), 'photo.type'],
    ['PDF', toDataUrl('application/pdf', Uint8Array.from(ascii('%PDF-1.7'))), 'photo.type'],
    ['JPEG without a frame header', toDataUrl('image/jpeg', Uint8Array.from([0xff, 0xd8, ...APP0, 0xff, 0xd9])), 'photo.corrupt'],
    ['truncated PNG', toDataUrl('image/png', png(400, 600).slice(0, 20)), 'photo.corrupt'],
    ['not a data URL', 'C:\\photos\\me.jpg', 'photo.corrupt'],
    ['broken base64', 'data:image/png;base64,iVBOR*', 'photo.corrupt'],
    ['empty', '', 'photo.corrupt'],
  ])('%s → %s', (_name, dataUrl, code) => {
    expect(checkPhoto(dataUrl)?.code ?? null).toBe(code);
  });

  it('states the actual and the required pixel size', () => {
    const msg = checkPhoto(toDataUrl('image/jpeg', jpeg(100, 100)))?.message ?? '';
    expect(msg).toMatch(/^照片.*100×100.*354×472.* \/ Photo/);
  });

  it('states the file size', () => {
    expect(checkPhoto(toDataUrl('image/png', png(400, 600, 2 * PHOTO_MAX_BYTES)))?.message).toContain('2.00 MB');
  });
});
