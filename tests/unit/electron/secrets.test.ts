import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../main/services';
import { createSandbox } from '../../sandbox/server';
import { FIXTURE_NOW, ZHUJIANG } from '../../sandbox/testing';
import { createSecretStore, type SafeStorageLike } from '../../../main/electron/secrets';

/** A reversible fake "encryption" that is visibly not the clear text. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s, 'utf8').reverse().toString('hex')}`),
    decryptString: (b) => {
      const t = b.toString();
      if (!t.startsWith('enc:')) throw new Error('bad');
      return Buffer.from(t.slice(4), 'hex').reverse().toString('utf8');
    },
    getSelectedStorageBackend: () => backend,
  };
}

const dirs: string[] = [];
const tmpFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'permit-desk-secrets-'));
  dirs.push(dir);
  return path.join(dir, 'userData', 'secrets.json');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createSecretStore', () => {
  it('round-trips, persists encrypted with mode 0600, and deletes', () => {
    const filePath = tmpFile();
    const store = createSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(store.get('bureauToken')).toBeNull();
    store.set('bureauToken', 'tok-秘密-123');
    expect(store.get('bureauToken')).toBe('tok-秘密-123');
    const raw = readFileSync(filePath, 'utf8');
    expect(raw).not.toContain('tok-秘密-123');
    if (process.platform !== 'win32') expect(statSync(filePath).mode & 0o777).toBe(0o600);
    // a second store on the same file reads it back
    expect(createSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'linux' }).get('bureauToken')).toBe('tok-秘密-123');
    store.delete('bureauToken');
    expect(store.get('bureauToken')).toBeNull();
    store.delete('never-set');
  });

  it('without encryption, keeps the secret in memory for the session only, says so, and writes nothing', () => {
    const filePath = tmpFile();
    const lines: string[] = [];
    const store = createSecretStore({ filePath, safeStorage: fakeSafeStorage(false), platform: 'win32', log: (l) => lines.push(l) });
    expect(store.persistent).toBe(false);
    store.set('bureauToken', 'tok');
    expect(store.get('bureauToken')).toBe('tok');
    expect(() => statSync(filePath)).toThrow();
    expect(lines.join('\n')).toMatch(/in memory for this session only/);
    // the next session (a new store) has nothing
    expect(createSecretStore({ filePath, safeStorage: fakeSafeStorage(false), platform: 'win32' }).get('bureauToken')).toBeNull();
    store.delete('bureauToken');
    expect(store.get('bureauToken')).toBeNull();
  });

  it("treats Linux's basic_text backend (a hard-coded key is not encryption) as no keyring", () => {
    const filePath = tmpFile();
    const store = createSecretStore({ filePath, safeStorage: fakeSafeStorage(true, 'basic_text'), platform: 'linux' });
    expect(store.persistent).toBe(false);
    store.set('bureauToken', 'tok');
    expect(store.get('bureauToken')).toBe('tok');
    expect(() => statSync(filePath)).toThrow();
  });

  it('is persistent with a keyring', () => {
    expect(createSecretStore({ filePath: tmpFile(), safeStorage: fakeSafeStorage(), platform: 'linux' }).persistent).toBe(true);
  });

  it('auth:login against the bureau succeeds without a keyring, and the reply says the token is for this session only', async () => {
    const sandbox = await createSandbox({ clock: () => FIXTURE_NOW });
    const data = mkdtempSync(path.join(tmpdir(), 'permit-desk-nokeyring-'));
    dirs.push(data);
    const filePath = path.join(data, 'secrets.json');
    const app = openApp({
      dataDir: data,
      mode: 'electron',
      version: 'test',
      defaultBureauUrl: sandbox.url,
      now: () => FIXTURE_NOW,
      secrets: createSecretStore({ filePath, safeStorage: fakeSafeStorage(true, 'basic_text'), platform: 'linux' }),
    });
    try {
      const reply = await app.dispatch('auth:login', { email: ZHUJIANG.email, password: ZHUJIANG.password });
      expect(reply).toMatchObject({ ok: true, value: { offline: false, tokenForSessionOnly: true } });
      expect(() => statSync(filePath)).toThrow();
    } finally {
      app.close();
      await sandbox.close();
    }
  });

  it('treats an undecryptable or corrupt file as absent', () => {
    const filePath = tmpFile();
    const store = createSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'darwin' });
    store.set('a', 'x');
    writeFileSync(filePath, JSON.stringify({ version: 1, secrets: { a: Buffer.from('garbage').toString('base64') } }));
    expect(store.get('a')).toBeNull();
    writeFileSync(filePath, '{not json');
    expect(store.get('a')).toBeNull();
    store.set('b', 'y');
    expect(store.get('b')).toBe('y');
  });
});
