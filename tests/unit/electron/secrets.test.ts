import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../shared/bridge/envelope';
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

  it('refuses to store when encryption is unavailable, writing nothing', () => {
    const filePath = tmpFile();
    const store = createSecretStore({ filePath, safeStorage: fakeSafeStorage(false), platform: 'win32' });
    expect(() => store.set('bureauToken', 'tok')).toThrow(ServiceError);
    try {
      store.set('bureauToken', 'tok');
    } catch (error) {
      expect((error as ServiceError).code).toBe('NOT_AVAILABLE');
    }
    expect(() => statSync(filePath)).toThrow();
  });

  it("refuses Linux's basic_text backend (a hard-coded key is not encryption)", () => {
    const store = createSecretStore({ filePath: tmpFile(), safeStorage: fakeSafeStorage(true, 'basic_text'), platform: 'linux' });
    expect(() => store.set('bureauToken', 'tok')).toThrow(ServiceError);
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
