import type { Handlers } from '../dispatcher';
import type { CoreGetter } from '../index';
import type { dataChannels } from '../../../shared/bridge/channels/data';
import { ServiceError } from '../../../shared/bridge/envelope';
import { templateFile } from './excelTemplate';
import { importXlsx } from './excelImport';
import { exportXlsx } from './excelExport';
import { createBackup } from './backup';
import { importRosterXlsx, rosterTemplateFile } from './rosterExcel';
import { exportRosterXlsx } from './rosterExport';
import { inspectBackup, restoreBackup } from './restore';
import { deviceState, getBackupSettings, restoreDeviceState, saveBackupSettings } from './autoBackup';

export { importXlsx } from './excelImport';
export { importRosterXlsx } from './rosterExcel';
export { startAutoBackup } from './autoBackup';

const bytesOf = (base64: string): Buffer => Buffer.from(base64, 'base64');

/** Excel import/export and backup/restore (shared/bridge/channels/data.ts). */
export function dataHandlers(get: CoreGetter): Pick<Handlers, keyof typeof dataChannels> {
  // an import and a restore must not overlap: the restore swaps the store under the import
  let busy: 'import' | 'restore' | null = null;
  const exclusive = async <T>(what: 'import' | 'restore', run: () => T | Promise<T>): Promise<T> => {
    if (busy) {
      throw new ServiceError(
        'INVALID_STATE',
        busy === 'restore'
          ? '正在恢复数据，请稍后再试 / A restore is in progress; try again shortly'
          : '正在导入数据，请等导入完成后再试 / An import is in progress; try again when it has finished',
      );
    }
    busy = what;
    try {
      return await run();
    } finally {
      busy = null;
    }
  };

  return {
    'data:template': async ({ kind }) => {
      const { fileName, bytes } = kind === 'roster' ? await rosterTemplateFile() : await templateFile(kind);
      return { fileName, base64: bytes.toString('base64') };
    },
    'data:import': ({ kind, base64, fileName }) =>
      exclusive('import', async () => {
          const bytes = bytesOf(base64);
        const { ids: _ids, ...result } = kind === 'roster' ? await importRosterXlsx(get(), bytes, { fileName }) : await importXlsx(get(), kind, bytes, { fileName });
        return result;
      }),
    'data:export': async ({ kind, filter }) => {
      const { fileName, bytes } = await exportXlsx(get(), kind, filter);
      return { fileName, base64: bytes.toString('base64') };
    },
    'data:exportRoster': async ({ query, type }) => {
      const { fileName, bytes } = await exportRosterXlsx(get(), { query, type });
      return { fileName, base64: bytes.toString('base64') };
    },
    'backup:create': async () => {
      const { fileName, bytes, sizeBytes } = await createBackup(get());
      return { fileName, base64: bytes.toString('base64'), sizeBytes };
    },
    'backup:inspect': ({ base64 }) => {
      return { summary: inspectBackup(get(), bytesOf(base64)) };
    },
    'backup:restore': ({ base64 }) =>
      exclusive('restore', () => {
          const device = deviceState(get());
        return restoreBackup(get, bytesOf(base64), (core) => restoreDeviceState(core, device));
      }),
    'backup:settings:get': () => {
      return getBackupSettings(get());
    },
    'backup:settings:save': (patch) => {
      return saveBackupSettings(get(), patch);
    },
  };
}
