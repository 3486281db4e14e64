import type { Handlers } from '../dispatcher';
import type { CoreGetter } from '../index';
import fs from 'node:fs';
import path from 'node:path';
import type { dataChannels, FilePurpose, ProducedFile } from '../../../shared/bridge/channels/data';
import type { FileFilter } from '../app';
import type { FileEntry, FileTransfers } from '../files/fileTransfers';
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

/** what the system dialogs offer for each purpose (Electron) */
const OPEN_FILTERS: Record<FilePurpose, FileFilter[]> = {
  xlsx: [{ name: 'Excel', extensions: ['xlsx'] }],
  backup: [
    { name: 'Permit Desk 备份 / backup', extensions: ['sqlite', 'db'] },
    { name: '所有文件 / All files', extensions: ['*'] },
  ],
};
const saveFilters = (fileName: string): FileFilter[] => {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return ext === 'xlsx' ? OPEN_FILTERS.xlsx : ext ? [{ name: ext, extensions: [ext] }] : [];
};

const NO_DIALOGS = '此操作仅在桌面版中可用 / This is only available in the desktop app';

const isInside = (file: string, dir: string): boolean => {
  const relative = path.relative(path.resolve(dir), file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const produced = (file: FileEntry): ProducedFile => ({ fileId: file.id, fileName: file.name, sizeBytes: file.sizeBytes });

/**
 * Excel import/export and backup/restore (shared/bridge/channels/data.ts). Files go through
 * `files` by id: an import or a restore takes an incoming file (an upload, or a file picked in
 * Electron's dialog); an export, a template or a backup is written to an outgoing one.
 */
export function dataHandlers(get: CoreGetter, files: FileTransfers): Pick<Handlers, keyof typeof dataChannels> {
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
  const dialogs = () => {
    const port = get().ports.dialogs;
    if (!port) throw new ServiceError('NOT_AVAILABLE', NO_DIALOGS);
    return port;
  };

  return {
    'data:template': async ({ kind }) =>
      produced(await files.produce((dest) => (kind === 'roster' ? rosterTemplateFile(dest) : templateFile(kind, dest)))),
    'data:import': ({ kind, fileId }) =>
      exclusive('import', () =>
        // an import consumes its file, whatever the outcome
        files.use(fileId, 'incoming', 'xlsx', async (file) => {
          try {
            const options = { fileName: file.name };
            const { ids: _ids, ...result } =
              kind === 'roster' ? await importRosterXlsx(get(), file.path, options) : await importXlsx(get(), kind, file.path, options);
            return result;
          } finally {
            files.release(file.id);
          }
        }),
      ),
    'data:export': async ({ kind, filter }) => produced(await files.produce((dest) => exportXlsx(get(), kind, filter, dest))),
    'data:exportRoster': async ({ query, type }) => produced(await files.produce((dest) => exportRosterXlsx(get(), { query, type }, dest))),
    'backup:create': async () => produced(await files.produce((dest) => createBackup(get(), dest))),
    // the file stays for the restore that usually follows (or until `file:discard`, sign-out, expiry)
    'backup:inspect': ({ fileId }) => files.use(fileId, 'incoming', 'backup', async (file) => ({ summary: await inspectBackup(get(), file.path) })),
    'backup:restore': ({ fileId, dataOnly }) =>
      exclusive('restore', () =>
        files.use(fileId, 'incoming', 'backup', async (file) => {
          try {
            const device = deviceState(get());
            return await restoreBackup(get, file.path, (core) => restoreDeviceState(core, device), { dataOnly: dataOnly === true });
          } finally {
            files.release(file.id);
          }
        }),
      ),
    'backup:settings:get': () => {
      return getBackupSettings(get());
    },
    'backup:settings:save': (patch) => {
      return saveBackupSettings(get(), patch);
    },
    'file:pickOpen': async ({ purpose }) => {
      const chosen = await dialogs().open(OPEN_FILTERS[purpose]);
      if (!chosen) return null;
      let size: number;
      try {
        const stat = await fs.promises.stat(chosen);
        if (!stat.isFile()) throw new Error('not a file');
        size = stat.size;
      } catch {
        throw new ServiceError('INVALID_INPUT', '无法读取所选文件 / The selected file cannot be read');
      }
      const file = await files.receive(fs.createReadStream(chosen), { name: path.basename(chosen), purpose, declaredBytes: size });
      return produced(file);
    },
    'file:saveAs': async ({ fileId }) => {
      const port = dialogs();
      return files.use(fileId, 'outgoing', null, async (file) => {
        const dest = await port.save(file.name, saveFilters(file.name));
        if (!dest) return { saved: null };
        if (isInside(path.resolve(dest), path.dirname(files.dir))) {
          throw new ServiceError('INVALID_INPUT', '不能保存到程序的数据文件夹，请选择其他位置 / Cannot save into the app\'s data folder; choose another place');
        }
        try {
          await fs.promises.copyFile(file.path, dest);
        } catch (e) {
          throw new ServiceError('INVALID_INPUT', `无法保存到所选位置：${(e as NodeJS.ErrnoException).code ?? ''} / The file cannot be saved there`);
        }
        return { saved: dest };
      }).then((result) => {
        if (result.saved) files.release(fileId);
        return result;
      });
    },
    'file:discard': ({ fileId }) => {
      files.release(fileId);
      return {};
    },
  };
}
