/**
 * SecretStore (the bureau token) on Electron's safeStorage: values are encrypted with the OS
 * keychain (DPAPI, macOS Keychain, libsecret/kwallet) and persisted base64-encoded in a JSON file
 * under userData, written with mode 0o600.
 *
 * When encryption is unavailable — no keyring, or Linux's 'basic_text' fallback, which
 * "encrypts" with a hard-coded password — `set` refuses (ServiceError NOT_AVAILABLE) instead of
 * writing the token in clear text or near-clear text. The user then signs in again each session
 * rather than leaving a reusable government-portal token readable on disk.
 *
 * Only `import type` from 'electron': main.ts passes the real safeStorage, tests a fake.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../shared/bridge/envelope';
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

  return {
    get(name: string): string | null {
      const stored = load()[name];
      if (stored === undefined) return null;
      if (!safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        log(`secrets: cannot decrypt "${name}" (keychain changed?); treating it as absent`);
        return null;
      }
    },

    set(name: string, value: string): void {
      if (!isSecureStorageAvailable(safeStorage, platform)) {
        throw new ServiceError(
          'NOT_AVAILABLE',
          '系统的安全存储（钥匙串）不可用，令牌不会以明文保存 / Secure storage (OS keychain) is unavailable; the token will not be stored in clear text',
        );
      }
      const secrets = load();
      secrets[name] = safeStorage.encryptString(value).toString('base64');
      save(secrets);
    },

    delete(name: string): void {
      const secrets = load();
      if (!(name in secrets)) return;
      delete secrets[name];
      save(secrets);
    },
  };
}
