/**
 * Poppler helpers for the print tests: page size and count (pdfinfo), text (pdftotext), and a
 * page as grey pixels (pdftoppm -gray -png, decoded with a small PNG reader on node:zlib).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export interface PdfInfo {
  pages: number;
  width: number;
  height: number;
}

export function pdfInfo(file: string): PdfInfo {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const pages = /^Pages:\s+(\d+)/m.exec(out);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  if (!pages || !size) throw new Error(`pdfinfo: unexpected output for ${file}:\n${out}`);
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

export function pdfText(file: string, layout = true): string {
  return execFileSync('pdftotext', ['-q', ...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** A grey image: width × height bytes, 0 black … 255 white. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Page `page` of a PDF as a grey PNG file of exactly width × height pixels. */
export function renderPagePng(pdf: string, outPng: string, page = 1, width = 414, height = 585): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permit-desk-ppm-'));
  try {
    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-q', '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', '-scale-to-x', String(width), '-scale-to-y', String(height), pdf, prefix], {
      stdio: 'ignore',
    });
    fs.copyFileSync(`${prefix}.png`, outPng);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Decodes an 8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG to grey pixels. */
export function decodePng(data: Uint8Array): GreyImage {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9] ?? 0;
      if (depth !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are supported');
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const base = y * (stride + 1);
    const filter = raw[base] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[base + 1 + x] ?? 0;
      const a = x >= channels ? (line[x - channels] ?? 0) : 0;
      const b = prev[x] ?? 0;
      const c = x >= channels ? (prev[x - channels] ?? 0) : 0;
      let out: number;
      switch (filter) {
        case 0: out = v; break;
        case 1: out = v + a; break;
        case 2: out = v + b; break;
        case 3: out = v + ((a + b) >> 1); break;
        case 4: out = v + paeth(a, b, c); break;
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      line[x] = out & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const p = x * channels;
      pixels[y * width + x] =
        channels >= 3 ? Math.round(0.299 * (line[p] ?? 0) + 0.587 * (line[p + 1] ?? 0) + 0.114 * (line[p + 2] ?? 0)) : (line[p] ?? 0);
    }
    prev.set(line);
  }
  return { width, height, pixels };
}

export function readPng(file: string): GreyImage {
  return decodePng(fs.readFileSync(file));
}

/** Mean absolute difference of two equally sized grey images (0 identical … 255). */
export function meanAbsDiff(a: GreyImage, b: GreyImage): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`image sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  }
  let sum = 0;
  for (let i = 0; i < a.pixels.length; i++) sum += Math.abs((a.pixels[i] ?? 0) - (b.pixels[i] ?? 0));
  return sum / a.pixels.length;
}

/** The image shrunk by averaging k×k blocks: hides anti-aliasing differences, keeps the layout. */
export function blockAverage(img: GreyImage, k: number): GreyImage {
  const width = Math.floor(img.width / k);
  const height = Math.floor(img.height / k);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) sum += img.pixels[(y * k + j) * img.width + x * k + i] ?? 0;
      pixels[y * width + x] = Math.round(sum / (k * k));
    }
  }
  return { width, height, pixels };
}

/** Whitespace removed, for comparing printed text with values that may wrap. */
export const squash = (s: string): string => s.replace(/[\s\u3000]+/g, '');
