/**
 * SecretStore (the bureau token) on Electron's safeStorage: values are encrypted with the OS
 * keychain (DPAPI, macOS Keychain, libsecret/kwallet) and persisted base64-encoded in a JSON file
 * under userData, written with mode 0o600.
 *
 * When encryption is unavailable — no keyring, or Linux's 'basic_text' fallback, which
 * "encrypts" with a hard-coded password — nothing is written to disk: the secrets are kept in
 * memory for this session only, and `persistent` is false so that the user is told (sign-in
 * replies tokenForSessionOnly). The next session asks for the password again rather than leaving
 * a reusable government-portal token readable on disk.
 *
 * Only `import type` from 'electron': main.ts passes the real safeStorage, tests a fake.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../services/app';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron documents it as such) */
  getSelectedStorageBackend?(): string;
}

export interface SecretStoreOptions {
  /** e.g. path.join(app.getPath('userData'), 'secrets.json') */
  filePath: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  log?: (line: string) => void;
}

interface SecretFile {
  version: 1;
  /** name → base64 of safeStorage.encryptString(value) */
  secrets: Record<string, string>;
}

export const SECRET_FILE_MODE = 0o600;

export function isSecureStorageAvailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

export function createSecretStore({
  filePath,
  safeStorage,
  platform = process.platform,
  log = () => {},
}: SecretStoreOptions): SecretStore {
  const load = (): Record<string, string> => {
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretFile>;
      const out: Record<string, string> = {};
      if (parsed && typeof parsed.secrets === 'object' && parsed.secrets !== null) {
        for (const [name, value] of Object.entries(parsed.secrets)) {
          if (typeof value === 'string') out[name] = value;
        }
      }
      return out;
    } catch {
      log('secrets: the secret file is unreadable; treating it as empty');
      return {};
    }
  };

  const save = (secrets: Record<string, string>): void => {
    mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
    const body: SecretFile = { version: 1, secrets };
    const tmp = `${filePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(body), { mode: SECRET_FILE_MODE });
    chmodSync(tmp, SECRET_FILE_MODE); // mode above is filtered by the umask; make it exact
    renameSync(tmp, filePath);
  };

  /** the session-only secrets, when the keychain is unavailable */
  const memory = new Map<string, string>();
  const secure = () => isSecureStorageAvailable(safeStorage, platform);

  return {
    /** checked on every call: safeStorage answers only once the app is ready, and a keyring can appear */
    get persistent() {
      return secure();
    },

    get(name: string): string | null {
      const kept = memory.get(name);
      if (kept !== undefined) return kept;
      const stored = load()[name];
      if (stored === undefined) return null;
      if (!secure()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        log(`secrets: cannot decrypt "${name}" (keychain changed?); treating it as absent`);
        return null;
      }
    },

    set(name: string, value: string): void {
      if (!secure()) {
        if (!memory.has(name)) log('secrets: no secure storage (OS keychain); keeping the secret in memory for this session only');
        memory.set(name, value);
        return;
      }
      memory.delete(name);
      const secrets = load();
      secrets[name] = safeStorage.encryptString(value).toString('base64');
      save(secrets);
    },

    delete(name: string): void {
      memory.delete(name);
      const secrets = load();
      if (!(name in secrets)) return;
      delete secrets[name];
      save(secrets);
    },
  };
}
