/**
 * SIGKILL in the middle of a restore: a child process opens the app on a data folder and restores
 * two large backups over it in turn, in a loop; it is killed at random points. Each time the store
 * must open (openDatabase), pass integrity_check and hold exactly one of the two backups' data —
 * never a mix.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../main/services/store/database';
import { createBackup } from '../../main/services/data/backup';
import { restoreBackup } from '../../main/services/data/restore';
import { FIXTURE_PHOTO } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';
import { openTestApp, validRow } from '../helpers/dataFixtures';
import { storeFile } from '../helpers/storeFile';

const CHILD = path.resolve('tests/helpers/backupRestoreChild.ts');

/** A backup of `rows` license drafts named `<prefix> …`, each with a photo (to make it large). */
async function makeBackup(prefix: string, rows: number, into: string): Promise<string> {
  const { app, cleanup } = await openTestApp();
  try {
    const core = app.core;
    // photos make the file large (several pages of overflow per record)
    const ids = core.recordStore.transaction(() =>
      Array.from({ length: rows }, (_, i) =>
        core.records.save({ kind: 'license', values: { ...validRow('license', i), 'person.nameEn': `${prefix} ${validRow('license', i)['person.nameEn']}`, 'person.photo': FIXTURE_PHOTO.repeat(2) } }).id,
      ),
    );
    expect(ids).toHaveLength(rows);
    const file = path.join(into, `${prefix}.sqlite`);
    await createBackup(core, file);
    return file;
  } finally {
    app.close();
    cleanup();
  }
}

function storeState(dataDir: string): { count: number; prefixes: string[] } {
  const file = storeFile(dataDir);
  openDatabase(path.dirname(file)).close(); // the app's own open: WAL recovery and migrations
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare('SELECT person_name FROM records').all() as { person_name: string }[];
    const prefixes = [...new Set(rows.map((r) => r.person_name.split(' ')[0] ?? ''))].sort();
    return { count: rows.length, prefixes };
  } finally {
    db.close();
  }
}

describe('restore crash safety', () => {
  it('a store killed mid-restore holds the old or the new data, never a mix', { timeout: 240_000 }, async () => {
    const work = tempDir();
    try {
      const oldFile = await makeBackup('OLD', 300, work.dir);
      const newFile = await makeBackup('NEW', 1500, work.dir);
      expect(fs.statSync(newFile).size).toBeGreaterThan(4 * 1024 * 1024);
      const dataDir = path.join(work.dir, 'data');
      {
        const { app } = await openTestApp(dataDir);
        // made by other apps (other keys): data only
        await restoreBackup(() => app.core, oldFile, undefined, { dataOnly: true });
        app.close();
      }
      const valid = [JSON.stringify({ count: 300, prefixes: ['OLD'] }), JSON.stringify({ count: 1500, prefixes: ['NEW'] })];
      expect(valid).toContain(JSON.stringify(storeState(dataDir)));

      let restores = 0;
      const seen = new Set<string>();
      for (let round = 0; round < 6; round++) {
        // start with whichever the store does not hold, so the first restore changes it
        const order = storeState(dataDir).prefixes[0] === 'OLD' ? [newFile, oldFile] : [oldFile, newFile];
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, ...order], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('ready\n')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
        });
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 3000));
        child.kill('SIGKILL');
        await exited;
        restores += (out.match(/^restored /gm) ?? []).length;
        const state = JSON.stringify(storeState(dataDir));
        expect(valid, `round ${round}: ${state}`).toContain(state);
        seen.add(state);
        // nothing but the store, its kept copies and temporaries the next restore removes
        const stray = fs.readdirSync(path.dirname(storeFile(dataDir))).filter((n) => !/^permit-desk\.(sqlite(-wal|-shm)?|replaced-.*\.sqlite|before-v\d+\.sqlite)$/.test(n) && !n.startsWith('.permit-desk-tmp-'));
        expect(stray).toEqual([]);
      }
      console.log(`restore kill test: ${restores} restores completed across 6 kills; states seen: ${[...seen].join(' ')}`);
      expect(restores).toBeGreaterThan(0);
    } finally {
      work.cleanup();
    }
  });
});
