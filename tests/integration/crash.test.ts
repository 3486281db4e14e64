/**
 * SIGKILL of browser mode in the middle of a stream of writes: the database must open, pass
 * integrity_check and hold every write that had been acknowledged. Runs the built host
 * (dist/main/host.cjs), as a user would: `npm test` builds before the integration tests.
 */
import { storeFile } from '../helpers/storeFile';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect } from '../helpers/wsClient';
import { openDatabase } from '../../main/services/store/database';

const HOST = path.resolve('dist/main/host.cjs');

describe('crash safety', () => {
  it('keeps every acknowledged write after SIGKILL mid-stream', async () => {
    if (!fs.existsSync(HOST)) throw new Error('dist/main/host.cjs is missing: run `npm run build` first');
    const { dir, cleanup } = tempDir();
    const child = spawn(process.execPath, [HOST], { env: { ...process.env, PERMIT_DESK_DATA_DIR: dir, PERMIT_DESK_PORT: '0', PERMIT_DESK_BUREAU_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)$/m);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`host exited ${code}`)));
      });
      const client = await connect(bridgeUrl(url));
      await client.call('auth:login', { email: 'hr@example.com', password: 'pw' });

      const acknowledged: string[] = [];
      let stop = false;
      const writers = [0, 1, 2, 3].map(async (w) => {
        for (let i = 0; !stop && i < 5000; i++) {
          const reply = await client.call<{ id: string }>('records:save', {
            kind: 'license',
            values: { 'person.nameEn': `WRITER ${w} ROW ${i}`.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)] ?? 'X'), 'job.title': `工程师${i}` },
          }).catch(() => null);
          if (reply?.ok) acknowledged.push(reply.value.id);
          else break;
        }
      });
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
      expect(acknowledged.length).toBeGreaterThan(10);

      const db = new Database(storeFile(dir));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('SELECT id FROM records').all() as { id: string }[]).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      db.close();
      // and the app itself opens it again
      openDatabase(path.dirname(storeFile(dir))).close();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      cleanup();
    }
  });
});
