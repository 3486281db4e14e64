/**
 * SIGKILL of the app in the middle of a sync, then a restart: every submission ends up uploaded
 * exactly once and every result applied once. Runs the built browser-mode host (dist/main/host.cjs)
 * against the sandbox bureau on loopback.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createSandbox } from '../sandbox';
import { FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import { storeFile } from '../helpers/storeFile';
import { tempDir } from '../helpers/tmp';
import { bridgeUrl, connect, type BridgeClient } from '../helpers/wsClient';

const HOST = path.resolve('dist/main/host.cjs');
const ZHUJIANG = { email: 'hr@zhujiang-tech.example.cn', password: 'zhujiang-password' };

async function startHost(dataDir: string, bureauUrl: string): Promise<{ child: ChildProcess; client: BridgeClient }> {
  const child = spawn(process.execPath, [HOST], {
    env: { ...process.env, PERMIT_DESK_DATA_DIR: dataDir, PERMIT_DESK_PORT: '0', PERMIT_DESK_BUREAU_URL: bureauUrl, PERMIT_DESK_CLOCK: FIXTURE_TODAY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)$/m);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited ${code}`)));
  });
  const client = await connect(bridgeUrl(url));
  const login = await client.call('auth:login', ZHUJIANG);
  if (!login.ok) throw new Error(login.error.message);
  return { child, client };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('crash during sync', () => {
  it('SIGKILL mid-upload and mid-pull, then restart: each revision uploaded once, each result applied once', async () => {
    if (!fs.existsSync(HOST)) throw new Error('dist/main/host.cjs is missing: run `npm run build` first');
    const sandbox = await createSandbox({ clock: () => new Date(`${FIXTURE_TODAY}T04:00:00Z`) });
    const { dir, cleanup } = tempDir();
    try {
      let { child, client } = await startHost(dir, sandbox.url);
      const ids: string[] = [];
      for (let i = 0; i < 24; i++) {
        const kind = i % 2 ? 'license' : 'hmt-permit';
        const saved = await client.call<{ id: string }>('records:save', { kind, values: VALID_VALUES[kind] });
        if (!saved.ok) throw new Error(saved.error.message);
        const sub = await client.call('records:submit', { id: saved.value.id });
        if (!sub.ok) throw new Error(sub.error.message);
        ids.push(saved.value.id);
      }
      // slow bureau: the kill lands while uploads are in flight
      sandbox.faults.set({ latencyMs: 150 });
      void client.call('sync:run', {});
      await new Promise((r) => setTimeout(r, 500));
      await killed(child);
      expect(sandbox.review.list().length).toBeLessThan(24);

      ({ child, client } = await startHost(dir, sandbox.url));
      sandbox.faults.set({ latencyMs: 0 });
      const run = await client.call<{ uploaded: number }>('sync:run', {});
      expect(run.ok).toBe(true);
      const onBureau = sandbox.review.list();
      expect(onBureau.map((s) => s.clientId).sort()).toEqual([...ids].sort());

      // approve everything, then kill during the pull
      for (const s of onBureau) sandbox.review.approve(s.submissionId);
      sandbox.faults.set({ latencyMs: 150 });
      void client.call('sync:run', {});
      await new Promise((r) => setTimeout(r, 250));
      await killed(child);

      ({ child, client } = await startHost(dir, sandbox.url));
      sandbox.faults.set({ latencyMs: 0 });
      expect((await client.call('sync:run', {})).ok).toBe(true);
      expect((await client.call('sync:run', {})).ok).toBe(true);
      await killed(child);

      const db = new Database(storeFile(dir), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare("SELECT id, status, sync_state AS syncState FROM records").all() as { id: string; status: string; syncState: string }[];
      expect(rows).toHaveLength(24);
      expect(rows.every((r) => r.status === 'approved' && r.syncState === 'uploaded')).toBe(true);
      const approvals = db.prepare("SELECT record_id, COUNT(*) AS n FROM history WHERE action = '预审通过' GROUP BY record_id").all() as { n: number }[];
      expect(approvals).toHaveLength(24);
      expect(approvals.every((a) => a.n === 1)).toBe(true);
      db.close();
      expect(sandbox.review.list()).toHaveLength(24);
    } finally {
      await sandbox.close();
      cleanup();
    }
  }, 60_000);
});
