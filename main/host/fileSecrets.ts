import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../services/app';

/**
 * Browser mode's secret store: a JSON file readable by its owner only, beside the database.
 * (Electron keeps secrets with safeStorage instead; see main/electron/secrets.ts.)
 */
export function fileSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, 'secrets.json');
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, string>) => {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  return {
    get: (name) => read()[name] ?? null,
    set: (name, value) => write({ ...read(), [name]: value }),
    delete: (name) => {
      const all = read();
      delete all[name];
      write(all);
    },
  };
}
