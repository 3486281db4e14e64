/**
 * Backups are authenticated: an HMAC-SHA256 over every byte of the backup file, keyed with a
 * random key kept like the bureau token (the enterprise's secrets, created on first use). The MAC
 * lives inside the file, in the one row of `backup_info`, as `pdmac1:<nonce>:<64 hex>`; it is
 * computed over the file with those 64 hex digits set to '0', so it can be written in place
 * afterwards (same length: SQLite's page layout does not change) and verified by streaming the
 * file once, without loading it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { SecretStore } from '../app';

export const HMAC_KEY_SECRET = 'backup.hmacKey';
const MAC_PREFIX = 'pdmac1:';
const HEX_LENGTH = 64;
const ZEROS = Buffer.alloc(HEX_LENGTH, '0');
const CHUNK = 1024 * 1024;

/** The enterprise's backup key, created on first use. */
export function backupKey(secrets: SecretStore): Buffer {
  const stored = secrets.get(HMAC_KEY_SECRET);
  if (stored && /^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
  const key = randomBytes(32);
  secrets.set(HMAC_KEY_SECRET, key.toString('hex'));
  return key;
}

/** The key if one exists (verifying never creates one). */
export function existingBackupKey(secrets: SecretStore): Buffer | null {
  const stored = secrets.get(HMAC_KEY_SECRET);
  return stored && /^[0-9a-f]{64}$/.test(stored) ? Buffer.from(stored, 'hex') : null;
}

/** A fresh placeholder for a new backup: its MAC goes where the zeros are. */
export function macPlaceholder(): string {
  return `${MAC_PREFIX}${randomBytes(16).toString('hex')}:${'0'.repeat(HEX_LENGTH)}`;
}

/** The MAC value's parts, or null when it is not one of ours. */
export function parseMacValue(value: unknown): { prefix: string; hex: string } | null {
  if (typeof value !== 'string') return null;
  const m = /^(pdmac1:[0-9a-f]{32}:)([0-9a-f]{64})$/.exec(value);
  return m ? { prefix: m[1] as string, hex: m[2] as string } : null;
}

export interface MacScan {
  /** HMAC of the file with the 64 digits after each occurrence of the value's prefix set to '0' */
  mac: Buffer;
  /** byte offsets of the digits (exactly one in a genuine backup; at most two are listed) */
  offsets: number[];
}

export interface ScanOptions {
  /** called after each chunk with the bytes read so far */
  onBytes?: (done: number) => void | Promise<void>;
}

/**
 * Streams `file` through HMAC-SHA256, looking for `prefix` + 64 characters: those characters are
 * hashed as '0'. Bytes are held back by the needle's length so an occurrence split across two
 * reads is found whole before any of it is hashed.
 */
export async function scanMac(file: string, key: Buffer, prefix: string, options: ScanOptions = {}): Promise<MacScan> {
  const needle = Buffer.from(prefix, 'latin1');
  const span = needle.length + HEX_LENGTH;
  const hmac = createHmac('sha256', key);
  const offsets: number[] = [];
  const handle = await fs.promises.open(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    let carryAt = 0; // file offset of carry[0]
    let read = 0;
    const chunk = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, read);
      const last = bytesRead === 0;
      const buf = last ? carry : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      read += bytesRead;
      for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, at + 1)) {
        // an occurrence whose digits do not fit yet is found again with the next read
        if (at + span > buf.length) {
          if (last) break;
          continue;
        }
        const offset = carryAt + at + needle.length;
        // two are as bad as a million: a genuine backup has exactly one
        if (offsets.length < 2 && !offsets.includes(offset)) offsets.push(offset);
        ZEROS.copy(buf, at + needle.length);
      }
      if (last) {
        hmac.update(buf);
        break;
      }
      const keep = Math.min(buf.length, span - 1);
      hmac.update(buf.subarray(0, buf.length - keep));
      carry = Buffer.from(buf.subarray(buf.length - keep));
      carryAt += buf.length - keep;
      await options.onBytes?.(read);
    }
  } finally {
    await handle.close();
  }
  return { mac: hmac.digest(), offsets };
}

export const macEquals = (a: Buffer, hex: string): boolean => {
  const b = Buffer.from(hex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};
