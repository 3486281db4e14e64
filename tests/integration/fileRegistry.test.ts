/** The file registry behind uploads and downloads: owner-only, bounded, expiring, cleared. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FileTransferError, FileTransfers, safeFileName } from '../../main/services/files/fileTransfers';
import { tempDir } from '../helpers/tmp';

let dir: string;
let cleanup: () => void;
let clock: number;
let files: FileTransfers;

const make = (options: ConstructorParameters<typeof FileTransfers>[1] = {}) => new FileTransfers(path.join(dir, 'transfers'), { now: () => clock, ...options });
const bytes = (n: number) => Readable.from([Buffer.alloc(n, 7)]);

beforeEach(() => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  clock = 1_000_000;
  files = make();
});
afterEach(() => {
  files.close();
  cleanup();
});

describe('FileTransfers', () => {
  it('a file belongs to the enterprise signed in when it came: another one cannot use it, and a switch mid-transfer discards it', async () => {
    let owner: string | null = 'A';
    files.close();
    files = make({ owner: () => owner });
    const mine = await files.receive(bytes(10), { name: 'a.xlsx', purpose: 'xlsx' });
    owner = 'B';
    expect(files.find(mine.id, 'incoming')).toBeNull();
    await expect(files.use(mine.id, 'incoming', 'xlsx', () => 'read')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    owner = 'A';
    expect(await files.use(mine.id, 'incoming', 'xlsx', () => 'read')).toBe('read');

    const slow = new Readable({ read() {} });
    const arriving = files.receive(slow, { name: 'b.xlsx', purpose: 'xlsx' });
    slow.push(Buffer.alloc(5, 1));
    owner = 'B'; // 切换单位 while the upload streams
    slow.push(null);
    await expect(arriving).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(files.stats().files).toBe(1);
  });

  it('keeps files in an owner-only folder under random ids, and clears what a previous run left', async () => {
    const file = await files.receive(bytes(10), { name: 'a.xlsx', purpose: 'xlsx' });
    expect(file.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(path.dirname(file.path)).toBe(files.dir);
    if (process.platform !== 'win32') {
      expect(fs.statSync(files.dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file.path).mode & 0o777).toBe(0o600);
    }
    files.close();
    fs.writeFileSync(path.join(dir, 'transfers', 'left-over.part'), 'x');
    files = make();
    expect(fs.readdirSync(files.dir)).toEqual([]);
  });

  it('finds a file by id, direction and purpose only', async () => {
    const file = await files.receive(bytes(10), { name: 'a.sqlite', purpose: 'backup' });
    expect(files.find(file.id, 'incoming', 'backup')).toMatchObject({ name: 'a.sqlite', sizeBytes: 10 });
    expect(files.find(file.id, 'outgoing')).toBeNull();
    expect(files.find(file.id, 'incoming', 'xlsx')).toBeNull();
    await expect(files.use(file.id, 'incoming', 'xlsx', () => 1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(files.use('nope', 'incoming', null, () => 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('expires unused files, but never one in use', async () => {
    const a = await files.receive(bytes(10), { name: 'a.xlsx', purpose: 'xlsx' });
    const b = await files.receive(bytes(10), { name: 'b.xlsx', purpose: 'xlsx' });
    let during: unknown = 'unset';
    await files.use(a.id, 'incoming', 'xlsx', () => {
      clock += 31 * 60_000;
      during = files.find(b.id, 'incoming');
      expect(fs.existsSync(a.path)).toBe(true);
    });
    expect(during).toBeNull();
    expect(fs.existsSync(b.path)).toBe(false);
    // a was in use: its time starts again
    expect(files.find(a.id, 'incoming')).not.toBeNull();
  });

  it('refuses an upload over its purpose limit, announced or streamed, and keeps nothing', async () => {
    files.close();
    files = make({ maxUploadBytes: { xlsx: 100 } });
    await expect(files.receive(bytes(10), { name: 'a.xlsx', purpose: 'xlsx', declaredBytes: 101 })).rejects.toMatchObject({ reason: 'too-large' });
    const err = await files.receive(bytes(101), { name: 'a.xlsx', purpose: 'xlsx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTransferError);
    expect((err as FileTransferError).message).toMatch(/Excel .* \/ The Excel file is larger/);
    expect(fs.readdirSync(files.dir)).toEqual([]);
    expect(files.stats()).toEqual({ files: 0, pending: 0, totalBytes: 0 });
  });

  it('bounds the total size and the number of files, making room from outgoing files first', async () => {
    files.close();
    files = make({ maxFiles: 3, maxTotalBytes: 1000 });
    await expect(files.receive(bytes(1001), { name: 'big.sqlite', purpose: 'backup' })).rejects.toMatchObject({ reason: 'full' });
    const out = await files.produce(async (dest) => {
      fs.writeFileSync(dest, 'x');
      return { fileName: 'export.xlsx' };
    });
    await files.receive(bytes(1), { name: '1.xlsx', purpose: 'xlsx' });
    await files.receive(bytes(1), { name: '2.xlsx', purpose: 'xlsx' });
    // full: the export nobody fetched goes
    await files.receive(bytes(1), { name: '3.xlsx', purpose: 'xlsx' });
    expect(files.find(out.id, 'outgoing')).toBeNull();
    // full of incoming files: refused
    await expect(files.receive(bytes(1), { name: '4.xlsx', purpose: 'xlsx' })).rejects.toMatchObject({ reason: 'full' });
  });

  it('removes what a failed producer wrote', async () => {
    let written = '';
    await expect(
      files.produce(async (dest) => {
        written = dest;
        fs.writeFileSync(dest, 'half');
        throw new Error('export failed');
      }),
    ).rejects.toThrow('export failed');
    expect(fs.existsSync(written)).toBe(false);
    expect(files.stats().files).toBe(0);
  });

  it('clear() removes every file (sign-out); one in use goes when its user is done', async () => {
    const a = await files.receive(bytes(5), { name: 'a.xlsx', purpose: 'xlsx' });
    const b = await files.receive(bytes(5), { name: 'b.xlsx', purpose: 'xlsx' });
    await files.use(a.id, 'incoming', null, () => {
      files.clear();
      expect(files.find(a.id, 'incoming')).toBeNull();
      expect(fs.existsSync(a.path)).toBe(true);
    });
    expect(files.find(b.id, 'incoming')).toBeNull();
    expect(fs.existsSync(a.path)).toBe(false);
    expect(fs.readdirSync(files.dir)).toEqual([]);
  });

  it('makes names safe to show and to offer when saving', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('.._.._etc_passwd');
    expect(safeFileName('a\u0000b\u202ec.xlsx', 'x')).toBe('abc.xlsx');
    expect(safeFileName('..', 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(safeFileName('', 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(safeFileName('名单 2026.xlsx', 'x')).toBe('名单 2026.xlsx');
    expect(safeFileName('a'.repeat(500), 'x')).toHaveLength(200);
  });
});
