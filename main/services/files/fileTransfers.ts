/**
 * Files that travel between the user and the services never cross the bridge as bytes: main keeps
 * them here, in an owner-only folder of the data directory, under opaque random ids. An upload (or
 * a file picked in Electron's dialog) becomes an incoming file the import and restore channels take
 * by id; an export or a backup is produced into an outgoing file the renderer then downloads (or
 * main saves through the system dialog). Everything here is temporary: cleared at start and at
 * sign-out, expired after a while, bounded in count and total size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ServiceError } from '../../../shared/bridge/envelope';
import { MAX_UPLOAD_BYTES, type FilePurpose } from '../../../shared/bridge/channels/data';

export type FileDirection = 'incoming' | 'outgoing';

export interface FileEntry {
  readonly id: string;
  /** the file on disk, inside the transfers folder */
  readonly path: string;
  /** the name shown to the user and offered when saving (never used as a path) */
  readonly name: string;
  readonly sizeBytes: number;
  readonly direction: FileDirection;
  /** what an incoming file was uploaded for; null for outgoing files */
  readonly purpose: FilePurpose | null;
  /** the enterprise it was uploaded or produced for: no other enterprise can use it */
  readonly owner: string | null;
}

interface Held extends FileEntry {
  expiresAt: number;
  /** a service is reading or writing it: never expired or evicted meanwhile */
  busy: number;
  /** released while busy: gone for everyone, removed when the last user is done */
  retired: boolean;
}

export interface FileTransfersOptions {
  /** milliseconds since the epoch (tests move it) */
  now?: () => number;
  /** an unused file is removed after this long */
  ttlMs?: number;
  maxFiles?: number;
  maxTotalBytes?: number;
  /** the largest incoming file per purpose */
  maxUploadBytes?: Partial<Record<FilePurpose, number>>;
  /** the signed-in enterprise's key (null: nobody): a file belongs to the one signed in when it started */
  owner?: () => string | null;
}

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

const DEFAULTS = { ttlMs: 30 * 60_000, maxFiles: 16, maxTotalBytes: 10 * GiB };

/** Why a transfer was refused: the host maps it to an HTTP status. */
export type TransferRefusal = 'too-large' | 'full' | 'aborted' | 'failed';

export class FileTransferError extends ServiceError {
  constructor(
    readonly reason: TransferRefusal,
    message: string,
  ) {
    super(reason === 'aborted' ? 'INVALID_STATE' : reason === 'failed' ? 'INTERNAL' : 'INVALID_INPUT', message);
    this.name = 'FileTransferError';
  }
}

const sizeText = (bytes: number) => (bytes >= GiB ? `${bytes / GiB} GiB` : `${Math.round(bytes / MiB)} MiB`);

export const tooLargeMessage = (purpose: FilePurpose, max: number): string =>
  purpose === 'backup'
    ? `备份文件超过 ${sizeText(max)}，无法恢复 / The backup file is larger than ${sizeText(max)} and cannot be restored`
    : `Excel 文件超过 ${sizeText(max)}，无法导入 / The Excel file is larger than ${sizeText(max)} and cannot be imported`;

const FULL = '临时文件已满，请先完成或取消正在进行的导入、导出或恢复，稍后再试 / Too many files are waiting; finish or cancel the running import, export or restore and try again';
const NO_SPACE = '磁盘空间不足，无法保存文件 / There is not enough disk space to store the file';
const WRITE_FAILED = '无法保存文件，未作任何更改 / The file could not be stored; nothing was changed';
const GONE = '文件已过期或不存在，请重新选择文件 / The file has expired or does not exist; choose the file again';
const WRONG_KIND = '所选文件不能用于此操作，请重新选择文件 / The chosen file is not for this operation; choose the file again';

/** A name from the user (an upload's file name) made safe to show and to offer when saving. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .trim()
    .slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

export class FileTransfers {
  private readonly files = new Map<string, Held>();
  /** uploads being written: id → bytes so far */
  private readonly pending = new Map<string, number>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly maxFiles: number;
  private readonly maxTotalBytes: number;
  private readonly maxUpload: Record<FilePurpose, number>;
  private readonly timer: NodeJS.Timeout;
  private readonly owner: () => string | null;

  constructor(
    readonly dir: string,
    options: FileTransfersOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.owner = options.owner ?? (() => null);
    this.ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
    this.maxFiles = options.maxFiles ?? DEFAULTS.maxFiles;
    this.maxTotalBytes = options.maxTotalBytes ?? DEFAULTS.maxTotalBytes;
    this.maxUpload = { ...MAX_UPLOAD_BYTES, ...options.maxUploadBytes };
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    this.removeAllFiles();
    this.timer = setInterval(() => this.sweep(), 60_000);
    this.timer.unref();
  }

  maxUploadBytes(purpose: FilePurpose): number {
    return this.maxUpload[purpose];
  }

  /**
   * Streams `source` into a new incoming file, refusing it as soon as it passes the purpose's
   * limit or the folder's total (memory stays bounded whatever the size).
   */
  async receive(source: Readable, options: { name: string; purpose: FilePurpose; declaredBytes?: number }): Promise<FileEntry> {
    const max = this.maxUpload[options.purpose];
    if (options.declaredBytes !== undefined && options.declaredBytes > max) {
      throw new FileTransferError('too-large', tooLargeMessage(options.purpose, max));
    }
    const owner = this.owner();
    this.makeRoom();
    const id = newId();
    const file = path.join(this.dir, `${id}.in`);
    this.pending.set(id, 0);
    let received = 0;
    const sink = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let sinkError: NodeJS.ErrnoException | null = null;
    sink.on('error', (e) => (sinkError = e));
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        received += chunk.length;
        this.pending.set(id, received);
        if (received > max) done(new FileTransferError('too-large', tooLargeMessage(options.purpose, max)));
        else if (this.totalBytes() > this.maxTotalBytes) done(new FileTransferError('full', FULL));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(source, counter, sink);
    } catch (e) {
      removeQuietly(file);
      if (e instanceof FileTransferError) throw e;
      // our disk failed, or the other side went away
      const failed = sinkError as NodeJS.ErrnoException | null;
      if (failed) throw new FileTransferError(failed.code === 'ENOSPC' ? 'full' : 'failed', failed.code === 'ENOSPC' ? NO_SPACE : WRITE_FAILED);
      throw new FileTransferError('aborted', '文件传输中断，未作任何更改 / The file transfer was interrupted; nothing was changed');
    } finally {
      this.pending.delete(id);
    }
    const fallback = options.purpose === 'backup' ? 'backup.sqlite' : 'import.xlsx';
    return this.hold({ id, path: file, name: safeFileName(options.name, fallback), sizeBytes: received, direction: 'incoming', purpose: options.purpose, owner });
  }

  /** Runs a service that writes a file to the path it is given, and keeps the result as an outgoing file. */
  async produce(write: (destPath: string) => Promise<{ fileName: string; sizeBytes?: number }>): Promise<FileEntry> {
    const owner = this.owner();
    this.makeRoom();
    const id = newId();
    const file = path.join(this.dir, `${id}.out`);
    this.pending.set(id, 0);
    try {
      const { fileName } = await write(file);
      fs.chmodSync(file, 0o600);
      const sizeBytes = fs.statSync(file).size;
      return this.hold({ id, path: file, name: safeFileName(fileName, 'download'), sizeBytes, direction: 'outgoing', purpose: null, owner });
    } catch (e) {
      removeQuietly(file);
      throw e;
    } finally {
      this.pending.delete(id);
    }
  }

  /** The file, if it exists, has not expired and goes in that direction (and is for that purpose). */
  find(id: string, direction: FileDirection, purpose?: FilePurpose): FileEntry | null {
    this.sweep();
    const held = this.files.get(id);
    if (!held || held.retired || held.direction !== direction || held.owner !== this.owner() || (purpose && held.purpose !== purpose)) return null;
    held.expiresAt = this.now() + this.ttlMs;
    return held;
  }

  /**
   * Runs `work` on the file, which is neither expired nor evicted meanwhile; refuses a missing,
   * expired or wrong-purpose id with a message for the user.
   */
  async use<T>(id: string, direction: FileDirection, purpose: FilePurpose | null, work: (file: FileEntry) => T | Promise<T>): Promise<T> {
    this.sweep();
    const held = this.files.get(id);
    if (!held || held.retired || held.direction !== direction || held.owner !== this.owner()) throw new ServiceError('NOT_FOUND', GONE);
    if (purpose && held.purpose !== purpose) throw new ServiceError('INVALID_INPUT', WRONG_KIND);
    held.busy++;
    try {
      return await work(held);
    } finally {
      held.busy--;
      held.expiresAt = this.now() + this.ttlMs;
      if (held.retired) this.release(id);
    }
  }

  /** Removes the file now; one in use can no longer be found and goes when its last user is done. */
  release(id: string): void {
    const held = this.files.get(id);
    if (!held) return;
    if (held.busy > 0) {
      held.retired = true;
      return;
    }
    this.files.delete(id);
    removeQuietly(held.path);
  }

  /** Removes every file (sign-out, close); those in use go when their users are done. */
  clear(): void {
    for (const id of [...this.files.keys()]) this.release(id);
  }

  close(): void {
    clearInterval(this.timer);
    this.clear();
  }

  /** files held and being written (for tests and diagnostics) */
  stats(): { files: number; pending: number; totalBytes: number } {
    return { files: this.files.size, pending: this.pending.size, totalBytes: this.totalBytes() };
  }

  private hold(entry: FileEntry): FileEntry {
    if (entry.owner !== this.owner()) {
      // the session changed while the file was on its way (sign-out, 切换单位): it belongs to nobody now
      removeQuietly(entry.path);
      throw new ServiceError('INVALID_STATE', '传输期间登录的单位已变更，文件已丢弃，请重新选择 / The signed-in enterprise changed during the transfer; the file was discarded — choose it again');
    }
    const held: Held = { ...entry, expiresAt: this.now() + this.ttlMs, busy: 0, retired: false };
    this.files.set(entry.id, held);
    return held;
  }

  private totalBytes(): number {
    let total = 0;
    for (const held of this.files.values()) total += held.sizeBytes;
    for (const bytes of this.pending.values()) total += bytes;
    return total;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, held] of this.files) if (held.busy === 0 && held.expiresAt <= now) this.release(id);
  }

  /** Frees a slot for a new file: expired ones first, then the oldest outgoing file nobody fetched. */
  private makeRoom(): void {
    this.sweep();
    if (this.files.size + this.pending.size < this.maxFiles) return;
    const oldest = [...this.files.values()]
      .filter((f) => f.direction === 'outgoing' && f.busy === 0)
      .sort((a, b) => a.expiresAt - b.expiresAt)[0];
    if (oldest) this.release(oldest.id);
    if (this.files.size + this.pending.size >= this.maxFiles) throw new FileTransferError('full', FULL);
  }

  private removeAllFiles(): void {
    for (const name of fs.readdirSync(this.dir)) removeQuietly(path.join(this.dir, name));
  }
}

const newId = (): string => randomBytes(24).toString('base64url');

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true, recursive: true });
  } catch {
    // already gone, or removed at the next start
  }
}
