import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronFileDialogs, openDialogOptions, saveDialogOptions } from '../../../main/electron/fileDialogs';

const fake = vi.hoisted(() => ({
  open: { canceled: false, filePaths: ['/home/hr/备份.sqlite'] } as { canceled: boolean; filePaths: string[] },
  save: { canceled: false, filePath: '/home/hr/Documents/export.xlsx' } as { canceled: boolean; filePath: string },
  calls: [] as unknown[][],
  documents: '/home/hr/Documents' as string | null,
}));

vi.mock('electron', () => ({
  app: {
    getPath: (name: string) => {
      if (name !== 'documents' || fake.documents === null) throw new Error(`no ${name} folder`);
      return fake.documents;
    },
  },
  dialog: {
    showOpenDialog: (...args: unknown[]) => {
      fake.calls.push(['open', ...args]);
      return Promise.resolve(fake.open);
    },
    showSaveDialog: (...args: unknown[]) => {
      fake.calls.push(['save', ...args]);
      return Promise.resolve(fake.save);
    },
  },
}));

const xlsx = [{ name: 'Excel', extensions: ['xlsx'] }];
const win = { isDestroyed: () => false, id: 1 };

beforeEach(() => {
  fake.calls.length = 0;
  fake.open = { canceled: false, filePaths: ['/home/hr/备份.sqlite'] };
  fake.save = { canceled: false, filePath: '/home/hr/Documents/export.xlsx' };
  fake.documents = '/home/hr/Documents';
});

describe('electronFileDialogs', () => {
  it('opens one file, modal to the main window, and answers its path', async () => {
    const dialogs = electronFileDialogs(() => win as never);
    expect(await dialogs.open(xlsx)).toBe('/home/hr/备份.sqlite');
    expect(fake.calls).toEqual([['open', win, { properties: ['openFile', 'dontAddToRecent'], filters: xlsx }]]);
  });

  it('answers null when the user cancels either dialog', async () => {
    const dialogs = electronFileDialogs(() => win as never);
    fake.open = { canceled: true, filePaths: [] };
    fake.save = { canceled: true, filePath: '' };
    expect(await dialogs.open(xlsx)).toBeNull();
    expect(await dialogs.save('a.xlsx', xlsx)).toBeNull();
  });

  it('saves under the documents folder with the proposed name, never a path from it', async () => {
    const dialogs = electronFileDialogs(() => win as never);
    expect(await dialogs.save('导出.xlsx', xlsx)).toBe('/home/hr/Documents/export.xlsx');
    expect(fake.calls[0]).toEqual(['save', win, expect.objectContaining({ defaultPath: path.join('/home/hr/Documents', '导出.xlsx'), filters: xlsx })]);
    expect(saveDialogOptions('../../etc/passwd', [], '/home/hr/Documents').defaultPath).toBe(path.join('/home/hr/Documents', 'passwd'));
    expect(saveDialogOptions('a.sqlite', [], null).defaultPath).toBe('a.sqlite');
    expect(saveDialogOptions('a.sqlite', [], null).properties).toContain('showOverwriteConfirmation');
  });

  it('works without a window (closed or destroyed), and without a documents folder', async () => {
    fake.documents = null;
    const none = electronFileDialogs(() => null);
    expect(await none.open(xlsx)).toBe('/home/hr/备份.sqlite');
    const destroyed = electronFileDialogs(() => ({ isDestroyed: () => true }) as never);
    expect(await destroyed.save('b.xlsx', xlsx)).toBe('/home/hr/Documents/export.xlsx');
    expect(fake.calls).toEqual([
      ['open', openDialogOptions(xlsx)],
      ['save', saveDialogOptions('b.xlsx', xlsx, null)],
    ]);
  });
});
