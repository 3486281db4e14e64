import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../main/services/store/database';
import { ENTERPRISES_DIR } from '../../main/services/desk/enterpriseDirs';

/**
 * The store file of the one enterprise that signed in on the desk in `dataDir` (each enterprise
 * has its own, under enterprises/<key>/). Tests that read the database raw use it.
 */
export function storeFile(dataDir: string): string {
  const root = path.join(dataDir, ENTERPRISES_DIR);
  const stores = fs.existsSync(root)
    ? fs.readdirSync(root).map((key) => path.join(root, key, DATABASE_FILE)).filter((f) => fs.existsSync(f))
    : [];
  if (stores.length !== 1) throw new Error(`expected one enterprise store under ${root}, found ${stores.length}`);
  return stores[0] as string;
}
