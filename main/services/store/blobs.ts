/**
 * Photos and attachments stored once (migration v8): a form value holding a base64 data URL is
 * kept in `blobs` under the sha-256 of its bytes and the value becomes `blob:sha256:<hex>`.
 * A record, each of its revisions and the person share one row; triggers keep `blob_refs` (who
 * refers to what) and delete a blob when its last reference goes. Revisions are never deleted, so
 * a blob a submitted revision refers to is never collected.
 *
 * The stores stash values on the way in and resolve them on the way out, so the bridge, print,
 * export, backup and upload keep seeing data URLs, byte for byte what was saved: a data URL whose
 * base64 is not canonical is left inline rather than changed.
 */
import { createHash } from 'node:crypto';
import type { Db } from './database';
import type { FormValues } from '../../../shared/documents/types';

export const BLOB_REF_PREFIX = 'blob:sha256:';
const REF = /^blob:sha256:[0-9a-f]{64}$/;
const DATA_URL_HEAD = /^data:([^,;]*(?:;[^,;]*)*);base64,/;
/** below this a data URL stays inline: a reference would not save anything */
const MIN_STASH_CHARS = 256;

export const isBlobRef = (value: string): boolean => REF.test(value);

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The header (mime and parameters, without ";base64") and bytes of a canonical base64 data URL, else null. */
export function canonicalDataUrl(value: string): { header: string; bytes: Buffer } | null {
  if (value.length < MIN_STASH_CHARS || !value.startsWith('data:')) return null;
  const m = DATA_URL_HEAD.exec(value);
  if (!m) return null;
  const payload = value.slice(m[0].length);
  const bytes = Buffer.from(payload, 'base64');
  // Buffer skips what is not base64: only a payload that round-trips is stored as bytes
  if (bytes.length === 0 || bytes.toString('base64') !== payload) return null;
  return { header: m[1] ?? '', bytes };
}

export class BlobStore {
  private readonly putStmt;
  private readonly getStmt;

  constructor(db: Db) {
    this.putStmt = db.prepare('INSERT OR IGNORE INTO blobs (sha256, mime, size, bytes, created_at) VALUES (?, ?, ?, ?, ?)');
    this.getStmt = db.prepare('SELECT mime, bytes FROM blobs WHERE sha256 = ?');
  }

  /** Stores `bytes` (once) and returns its reference. */
  put(bytes: Buffer, mime: string, now = new Date().toISOString()): string {
    const sha = sha256Hex(bytes);
    this.putStmt.run(sha, mime, bytes.length, bytes, now);
    return `${BLOB_REF_PREFIX}${sha}`;
  }

  /** The data URL of a reference, or null when the blob is not there. */
  dataUrl(ref: string): string | null {
    const row = this.getStmt.get(ref.slice(BLOB_REF_PREFIX.length)) as { mime: string; bytes: Buffer } | undefined;
    return row ? `data:${row.mime};base64,${row.bytes.toString('base64')}` : null;
  }

  /** `values` with every data URL stored as a blob and replaced by its reference. Call inside the write's transaction. */
  stash(values: FormValues): FormValues {
    let out: FormValues | null = null;
    for (const [key, value] of Object.entries(values)) {
      const parsed = typeof value === 'string' ? canonicalDataUrl(value) : null;
      if (!parsed) continue;
      out ??= { ...values };
      out[key] = this.put(parsed.bytes, parsed.header);
    }
    return out ?? values;
  }

  /** `values` with every reference replaced by its data URL (a missing blob leaves the reference, which no check accepts). */
  resolve(values: FormValues): FormValues {
    let out: FormValues | null = null;
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string' || !isBlobRef(value)) continue;
      const url = this.dataUrl(value);
      if (url === null) continue;
      out ??= { ...values };
      out[key] = url;
    }
    return out ?? values;
  }
}

const perConnection = new WeakMap<Db, BlobStore>();

/** The connection's one BlobStore (the record store, the roster, the outbox and the permit feed share it). */
export function blobsOf(db: Db): BlobStore {
  let blobs = perConnection.get(db);
  if (!blobs) {
    blobs = new BlobStore(db);
    perConnection.set(db, blobs);
  }
  return blobs;
}
