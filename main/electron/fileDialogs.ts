/**
 * The system's open and save dialogs, for the services' `dialogs` port: in Electron, main picks and
 * writes files itself, so files never cross the bridge as bytes. Attached to the main window when
 * it is open (modal, on top of the app).
 */
import { app, dialog, type BaseWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { FileDialogs, FileFilter } from '../services/app';

/** the window a dialog belongs to, or none */
export type DialogParent = () => (BaseWindow & { isDestroyed(): boolean }) | null;

export function openDialogOptions(filters: FileFilter[]): OpenDialogOptions {
  return { properties: ['openFile', 'dontAddToRecent'], filters };
}

/** The save dialog starts in the user's documents folder with the name main proposes (never a path). */
export function saveDialogOptions(defaultName: string, filters: FileFilter[], documentsDir: string | null): SaveDialogOptions {
  const name = path.basename(defaultName);
  return {
    defaultPath: documentsDir ? path.join(documentsDir, name) : name,
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
}

function documentsDir(): string | null {
  try {
    return app.getPath('documents');
  } catch {
    return null;
  }
}

export function electronFileDialogs(parentWindow: DialogParent): FileDialogs {
  const parent = () => {
    const win = parentWindow();
    return win && !win.isDestroyed() ? win : null;
  };
  return {
    async open(filters) {
      const options = openDialogOptions(filters);
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save(defaultName, filters) {
      const options = saveDialogOptions(defaultName, filters, documentsDir());
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
