import crypto from 'node:crypto';
import fs from 'node:fs/promises';

/**
 * Writes a file through `write(partPath)` beside `destPath`, then renames it into place: a failed
 * or interrupted export leaves no half-written file and does not clobber an existing one.
 * Returns the size written.
 */
export async function writeFileAtomically(destPath: string, write: (partPath: string) => Promise<void>): Promise<number> {
  const part = `${destPath}.${crypto.randomBytes(4).toString('hex')}.part`;
  try {
    await write(part);
    const { size } = await fs.stat(part);
    await fs.rename(part, destPath);
    return size;
  } catch (e) {
    await fs.rm(part, { force: true });
    throw e;
  }
}
