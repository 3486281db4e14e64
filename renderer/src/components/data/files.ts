/**
 * Files across the bridge: bytes travel as base64. A file from main is saved with `<a download>`
 * (in Electron the download opens the save dialog); a file the user picks is read here.
 */
import { MAX_FILE_BYTES } from '../../../../shared/bridge/channels/data';

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  sqlite: 'application/vnd.sqlite3',
};

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a download named `fileName`. */
export function saveDownload(bytes: Uint8Array<ArrayBuffer>, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a file from main as a download named `fileName`. */
export function downloadBase64(base64: string, fileName: string): void {
  const ext = fileName.split('.').pop() ?? '';
  saveDownload(base64ToBytes(base64), fileName, MIME[ext] ?? 'application/octet-stream');
}

export const TOO_LARGE = `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，无法处理 / The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB and cannot be processed`;

/** A picked file as base64 (without the data-URL prefix); refuses files the bridge cannot carry. */
export function readFileBase64(file: File): Promise<string> {
  if (file.size > MAX_FILE_BYTES) return Promise.reject(new Error(TOO_LARGE));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('无法读取所选文件 / The selected file cannot be read'));
    reader.readAsDataURL(file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
