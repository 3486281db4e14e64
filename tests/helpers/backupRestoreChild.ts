/**
 * Child process of tests/integration/backupKill.test.ts: opens the app on a data folder, signs in
 * and restores the given backup files over it in a loop (as data only: they were sealed by other
 * apps' keys), until it is killed.
 *   node --import tsx tests/helpers/backupRestoreChild.ts <dataDir> <backup>...
 */
import fs from 'node:fs';
import { openApp } from '../../main/services';
import { restoreBackup } from '../../main/services/data/restore';

const [dataDir, ...files] = process.argv.slice(2);
if (!dataDir || files.length === 0) throw new Error('usage: backupRestoreChild <dataDir> <backup>...');
const app = openApp({ dataDir, mode: 'browser', version: 'test', defaultBureauUrl: '' });
await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const { replacedFile } = await restoreBackup(() => app.core, files[i % files.length] as string, undefined, { dataOnly: true });
  fs.rmSync(replacedFile, { force: true }); // the test checks the store, not the kept copies
  process.stdout.write(`restored ${i}\n`);
}
