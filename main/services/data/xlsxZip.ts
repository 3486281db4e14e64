/**
 * The zip layer under the Excel import, written for hostile files. An xlsx is a zip: before any
 * XML is parsed, its central directory is read here and checked (file size, entry count, declared
 * sizes, encryption, methods); then the parts the import needs are re-served, in the order a
 * streaming reader wants them, as a plain "stored" zip whose bytes are inflated here on the fly.
 * While inflating, every part is held to its declared size (a zip bomb that lies about its sizes
 * stops at the lie) and to limits on what a streaming XML parser would otherwise buffer: the bytes
 * between two tags (a huge cell) and the bytes of one sheet row.
 */
import { MAX_UPLOAD_BYTES } from '../../../shared/bridge/channels/data';
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { refuse, refuseDamaged, refuseNotXlsx } from './importRefusal';

const MiB = 1024 * 1024;

export const XLSX_LIMITS = {
  /** the file itself */
  fileBytes: MAX_UPLOAD_BYTES.xlsx,
  /** parts listed in the zip (a workbook has a dozen, a few hundred with pictures) */
  entries: 2000,
  /** one worksheet's XML, unpacked */
  sheetBytes: 256 * MiB,
  /** xl/sharedStrings.xml unpacked: the streaming reader keeps every shared string in memory */
  sharedStringsBytes: 64 * MiB,
  /** any other part the import reads (workbook.xml, its rels, docProps/core.xml) */
  otherPartBytes: 4 * MiB,
  /** every part the import reads, together */
  totalBytes: 512 * MiB,
  /** bytes between two '<': a text node (a cell's text) or a tag; Excel's own cell limit is 32,767 characters */
  nodeBytes: 256 * 1024,
  /** bytes of one sheet row's XML */
  rowBytes: 16 * MiB,
} as const;

export type XlsxLimits = { [K in keyof typeof XLSX_LIMITS]: number };

/** Excel's own limit on the characters of one cell */
export const EXCEL_CELL_CHARS = 32_767;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface XlsxArchive {
  path: string;
  sizeBytes: number;
  /** where the central directory starts: no entry's data may reach past it */
  dataEnd: number;
  entries: ReadonlyMap<string, ZipEntry>;
  limits: XlsxLimits;
}

const mb = (n: number) => `${Math.round((n / MiB) * 10) / 10} MB`;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const refuseTooBig = (limit: number): never =>
  refuse(
    `文件解压后超过 ${mb(limit)}，可能已损坏或是恶意构造的文件，没有读取`,
    `The file unpacks to more than ${mb(limit)}: it is damaged or maliciously crafted and was not read`,
  );

const refuseCellTooLong = (): never =>
  refuse(
    `文件中有内容过长的单元格（Excel 单元格最多 ${EXCEL_CELL_CHARS} 个字符），可能已损坏或是恶意构造的文件`,
    `A cell in the file is too long (an Excel cell holds at most ${EXCEL_CELL_CHARS.toLocaleString('en')} characters): the file is damaged or maliciously crafted`,
  );

const refuseRowTooLarge = (): never =>
  refuse('文件中有一行的内容过多，可能已损坏或是恶意构造的文件', 'One row of the file holds far too much: the file is damaged or maliciously crafted');

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The limit a part is held to when it is read. */
export function partLimit(name: string, limits: XlsxLimits): number {
  if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) return limits.sheetBytes;
  if (name === 'xl/sharedStrings.xml') return limits.sharedStringsBytes;
  return limits.otherPartBytes;
}

/**
 * Opens an xlsx for reading: size and signature first, then the central directory. Refuses
 * (ServiceError INVALID_INPUT, "中文 / English") what cannot be read safely.
 */
export async function openXlsxArchive(filePath: string, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxArchive> {
  let fh: FileHandle;
  try {
    fh = await fs.open(filePath, 'r');
  } catch {
    return refuse('无法打开所选文件（可能已被移动或删除）', 'The selected file cannot be opened (it was probably moved or deleted)');
  }
  try {
    const { size } = await fh.stat();
    if (size === 0) refuse('所选文件是空文件', 'The selected file is empty');
    if (size > limits.fileBytes) {
      refuse(
        `文件过大（${mb(size)}），一次最多导入 ${mb(limits.fileBytes)} 的文件，请分成多个文件`,
        `The file is too large (${mb(size)}); an import takes at most ${mb(limits.fileBytes)}: split the file`,
      );
    }
    const head = await readAt(fh, 0, 8);
    if (startsWith(head, OLE_MAGIC)) {
      refuse(
        '所选文件是旧版 Excel（.xls）文件或设置了打开密码的工作簿，请在 Excel 中取消密码并“另存为” .xlsx 格式后再导入',
        'The file is an old Excel (.xls) workbook or one protected by a password: remove the password and save it as .xlsx in Excel, then import that',
      );
    }
    if (!startsWith(head, ZIP_MAGIC)) refuseNotXlsx();

    // end of central directory: 22 bytes and a comment of up to 65,535
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return refuseDamaged();
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const eocdAt = size - tailLength + eocd;
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) refuseDamaged();
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // ZIP64: nothing under the file size limit needs it
      refuse('文件使用了不支持的 ZIP64 格式，请在 Excel 中另存为 .xlsx 后再导入', 'The file uses the ZIP64 format, which is not supported: save it as .xlsx in Excel and import that');
    }
    if (count > limits.entries) {
      refuse(`文件包含 ${count} 个部件，不像 Excel 工作簿，可能是恶意构造的文件`, `The file holds ${count} parts, which no workbook needs: it is probably maliciously crafted`);
    }
    if (cdOffset + cdSize > eocdAt) refuseDamaged();

    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) refuseDamaged();
      const nameLength = cd.readUInt16LE(at + 28);
      const next = at + 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
      if (next > cd.length) refuseDamaged();
      const entry: ZipEntry = {
        // some writers name parts with a leading slash (/xl/sharedStrings.xml)
        name: cd.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\/+/, ''),
        flags: cd.readUInt16LE(at + 8),
        method: cd.readUInt16LE(at + 10),
        crc: cd.readUInt32LE(at + 16),
        compressedSize: cd.readUInt32LE(at + 20),
        size: cd.readUInt32LE(at + 24),
        localOffset: cd.readUInt32LE(at + 42),
      };
      // the same name twice: which one a reader takes is up to the reader
      if (entries.has(entry.name)) refuseDamaged();
      entries.set(entry.name, entry);
      at = next;
    }
    return { path: filePath, sizeBytes: size, dataEnd: cdOffset, entries, limits };
  } finally {
    await fh.close();
  }
}

/** Refuses a part whose declared size is over its limit, or that cannot be read (encrypted, unknown method). */
function checkPart(archive: XlsxArchive, entry: ZipEntry): void {
  if (entry.flags & 0x1) {
    refuse('工作簿的内容已加密，无法读取：请在 Excel 中取消密码后另存为 .xlsx', 'The workbook is encrypted and cannot be read: remove the password in Excel and save it as .xlsx');
  }
  if (entry.method !== 0 && entry.method !== 8) refuseDamaged();
  if (entry.method === 0 && entry.compressedSize !== entry.size) refuseDamaged();
  const limit = partLimit(entry.name, archive.limits);
  if (entry.size > limit) refuseTooBig(limit);
}

/** Checks the declared sizes of the parts that will be read, together. */
export function checkParts(archive: XlsxArchive, names: readonly string[]): void {
  let total = 0;
  for (const name of names) {
    const entry = archive.entries.get(name);
    if (!entry) continue;
    checkPart(archive, entry);
    total += entry.size;
  }
  if (total > archive.limits.totalBytes) refuseTooBig(archive.limits.totalBytes);
}

/** Watches the unpacked bytes of a part: its declared size, the bytes between two '<', a sheet row's bytes. */
class PartGuard {
  private seen = 0;
  private sinceTag = 0;
  private sinceRow = 0;
  private tail: Buffer = Buffer.alloc(0);
  private readonly isSheet: boolean;

  constructor(
    private readonly entry: ZipEntry,
    private readonly limits: XlsxLimits,
  ) {
    this.isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name);
  }

  take(chunk: Buffer): void {
    this.seen += chunk.length;
    if (this.seen > this.entry.size) {
      refuse(
        '文件中的内容解压后比文件记录的大小更大，可能已损坏或是恶意构造的文件，没有读取',
        'A part of the file unpacks to more than the file declares: it is damaged or maliciously crafted and was not read',
      );
    }
    for (let pos = 0; ; ) {
      const lt = chunk.indexOf(0x3c, pos);
      this.sinceTag += (lt < 0 ? chunk.length : lt) - pos;
      if (this.sinceTag > this.limits.nodeBytes) refuseCellTooLong();
      if (lt < 0) break;
      this.sinceTag = 0;
      pos = lt + 1;
    }
    if (this.isSheet) {
      // "row>" ends both <row> and </row> (with or without a namespace prefix)
      const joined = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
      const end = joined.lastIndexOf('row>');
      this.sinceRow = end < 0 ? this.sinceRow + chunk.length : joined.length - (end + 4);
      if (this.sinceRow > this.limits.rowBytes) refuseRowTooLarge();
      this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 32)));
    }
  }

  end(): void {
    if (this.seen !== this.entry.size) refuseDamaged();
    // the streaming parser takes XML cut short as a shorter sheet: a sheet must end where it ends
    if (this.isSheet && !/worksheet\s*\/?>\s*$/.test(this.tail.toString('latin1'))) refuseDamaged();
  }
}

/** `length` bytes of the file from `start`, in chunks. */
async function* rawChunks(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let done = 0; done < length; ) {
    const chunk = await readAt(fh, start + done, Math.min(64 * 1024, length - done));
    if (chunk.length === 0) refuseDamaged();
    done += chunk.length;
    yield chunk;
  }
}

/** The unpacked bytes of one part, checked as they come. */
async function* partBytes(fh: FileHandle, archive: XlsxArchive, entry: ZipEntry): AsyncGenerator<Buffer> {
  checkPart(archive, entry);
  const header = await readAt(fh, entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) refuseDamaged();
  const dataStart = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (dataStart + entry.compressedSize > archive.dataEnd) refuseDamaged();
  const guard = new PartGuard(entry, archive.limits);
  if (entry.compressedSize > 0) {
    const raw = Readable.from(rawChunks(fh, dataStart, entry.compressedSize), { objectMode: false });
    const source = entry.method === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
    if (source !== raw) raw.on('error', (e) => source.destroy(e));
    // the last chunk is held back until the part has passed its end checks: a reader sees the
    // part complete only once it is known to be whole
    let held: Buffer | null = null;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        guard.take(chunk);
        if (held) yield held;
        held = chunk;
      }
      guard.end();
      if (held) yield held;
      return;
    } catch (e) {
      if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('Z_')) refuseDamaged();
      throw e;
    } finally {
      raw.destroy();
      source.destroy();
    }
  }
  guard.end();
}

/** The unpacked bytes of a small part (at most its limit), or null when the archive has none. */
export async function readPart(archive: XlsxArchive, name: string): Promise<Buffer | null> {
  const entry = archive.entries.get(name);
  if (!entry) return null;
  const fh = await fs.open(archive.path, 'r');
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of partBytes(fh, archive, entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    await fh.close();
  }
}

function localHeader(name: string, size: number, crc: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt32LE(crc >>> 0, 14);
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([h, nameBytes]);
}

const END_OF_CENTRAL_DIRECTORY = (() => {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  return b;
})();

/** A part made up here (e.g. an empty shared-strings table), served like the others. */
export interface MadePart {
  name: string;
  bytes: Buffer;
}

/**
 * The named parts (those present) as a stored zip, unpacked from the file while it is read, in
 * the order given. A limit broken on the way destroys the stream with the refusal as its error.
 */
export function storedZipStream(archive: XlsxArchive, parts: readonly (string | MadePart)[]): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    const fh = await fs.open(archive.path, 'r');
    try {
      for (const part of parts) {
        if (typeof part !== 'string') {
          yield localHeader(part.name, part.bytes.length, zlib.crc32(part.bytes));
          yield part.bytes;
          continue;
        }
        const entry = archive.entries.get(part);
        if (!entry) continue;
        yield localHeader(entry.name, entry.size, entry.crc);
        yield* partBytes(fh, archive, entry);
      }
      yield END_OF_CENTRAL_DIRECTORY;
    } finally {
      await fh.close();
    }
  }
  return Readable.from(generate(), { objectMode: false, highWaterMark: 64 * 1024 });
}
