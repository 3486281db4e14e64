import { spawn } from 'node:child_process';
import path from 'node:path';

const CHILD = path.resolve('tests/helpers/xlsxImportChild.ts');

export interface ChildImport {
  refused: string | null;
  imported: number;
  ms: number;
  peakGrowthBytes: number;
  peakBytes: number;
}

/** Imports `file` in a child process of its own (tests/helpers/xlsxImportChild.ts), so its RSS is the import's. */
export function importInChild(dataDir: string, kind: string, file: string): Promise<ChildImport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, kind, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`import child exited with ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line) as ChildImport);
    });
  });
}
