/**
 * Files never cross the bridge as bytes: the channels carry file ids. In browser mode a picked file
 * is uploaded to the local host (`POST /files`, with progress and cancel) and a file from main is
 * downloaded from it (`GET /files/<id>`); in Electron main opens the system dialogs and reads or
 * writes the file itself (`file:pickOpen`, `file:saveAs`).
 */
import {
  FILE_NAME_HEADER,
  FILES_PATH,
  MAX_UPLOAD_BYTES,
  TOKEN_HEADER,
  type FilePurpose,
  type ProducedFile,
} from '../../../../shared/bridge/channels/data';
import { invoke, runsInElectron } from '../../bridge';
import { browserToken } from '../../bridge/transport';
import { isEnglish } from '../../i18n';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes the renderer holds (a PDF preview) as a download named `fileName`. */
export function saveDownload(bytes: Uint8Array<ArrayBuffer>, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  clickLink(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function clickLink(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Saves a file main has written (an export, a template, a backup): the system's save dialog in
 * Electron, a download in browser mode. Resolves with where it went (the path in Electron, the
 * name in browser mode), or null when the user cancelled the dialog.
 */
export async function saveProduced(file: ProducedFile): Promise<string | null> {
  if (runsInElectron()) return (await invoke('file:saveAs', { fileId: file.fileId })).saved;
  clickLink(`${FILES_PATH}/${encodeURIComponent(file.fileId)}`, file.fileName);
  return file.fileName;
}

/** Electron: main's open dialog; the chosen file is then held by main (null: cancelled). */
export const pickInMain = (purpose: FilePurpose): Promise<ProducedFile | null> => invoke('file:pickOpen', { purpose });

/** Tells main a file is no longer needed (a restore not confirmed). */
export function discardFile(fileId: string): void {
  void invoke('file:discard', { fileId }).catch(() => undefined);
}

const sizeText = (n: number) => (n >= 1024 ** 3 ? `${n / 1024 ** 3} GB` : `${Math.round(n / 1024 ** 2)} MB`);

/** The refusal of a file too large for `purpose`, before anything is sent; null when it fits. */
export function tooLarge(size: number, purpose: FilePurpose): string | null {
  const max = MAX_UPLOAD_BYTES[purpose];
  if (size <= max) return null;
  return `文件超过 ${sizeText(max)}，无法处理 / The file is larger than ${sizeText(max)} and cannot be processed`;
}

export class UploadCancelled extends Error {
  constructor() {
    super('上传已取消，未作任何更改 / The upload was cancelled; nothing was changed');
    this.name = 'UploadCancelled';
  }
}

export interface Upload {
  /** the id main holds the file under */
  done: Promise<string>;
  cancel(): void;
}

/** Browser mode: uploads `file` to the local host, reporting progress; cancel() aborts it. */
export function uploadFile(file: File, purpose: FilePurpose, onProgress: (sent: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<string>((resolve, reject) => {
    const refusal = tooLarge(file.size, purpose);
    if (refusal) {
      reject(new Error(refusal));
      return;
    }
    xhr.open('POST', `${FILES_PATH}?purpose=${purpose}`);
    xhr.setRequestHeader(TOKEN_HEADER, browserToken());
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: { fileId?: unknown; error?: { message?: unknown } } = {};
      try {
        body = JSON.parse(String(xhr.responseText)) as typeof body;
      } catch {
        // the message below says it
      }
      if (xhr.status === 201 && typeof body.fileId === 'string') resolve(body.fileId);
      else reject(new Error(typeof body.error?.message === 'string' ? body.error.message : `上传失败（${xhr.status}） / The upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('上传失败：无法连接到本地服务 / The upload failed: the local service cannot be reached'));
    xhr.onabort = () => reject(new UploadCancelled());
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** "正在上传：1.2 MB / 30.0 MB" in the interface's language. */
export function uploadText(sent: number, total: number): string {
  return isEnglish() ? `Uploading: ${formatBytes(sent)} of ${formatBytes(total)}` : `正在上传：${formatBytes(sent)} / ${formatBytes(total)}`;
}

/**
 * 【导入】 / 【恢复】's file choice: in Electron main's own open dialog (then `onPicked` with the file
 * main already holds); in a browser the page's hidden <input type="file">, whose change event goes on.
 */
export async function chooseFile(purpose: FilePurpose, input: HTMLInputElement | null, onPicked: (file: ProducedFile) => Promise<void>): Promise<void> {
  if (!runsInElectron()) {
    if (input) {
      input.value = '';
      input.click();
    }
    return;
  }
  const picked = await pickInMain(purpose);
  if (picked) await onPicked(picked);
}
