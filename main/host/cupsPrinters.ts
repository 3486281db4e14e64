/**
 * Browser mode's PrinterPort over CUPS: `lpstat -l -p -d` lists the queues (parsed by the pure
 * parseLpstat), `lp -d NAME -o media=A4 -t TITLE file.pdf` prints a PDF from a temporary file
 * (removed afterwards). The commands run with LC_ALL=C so their output is the English one the
 * parsers read. Every failure becomes a plain "中文 / English" message.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PrinterInfo } from '../../shared/bridge/contract';
import type { PrinterPort } from '../services/app';

// ─── parsers (pure) ────────────────────────────────────────────────────────────────────────

/**
 * `lpstat -p -d` (optionally with -l) in the C locale → printers. Lines read:
 *   printer NAME is idle.  enabled since …            → idle
 *   printer NAME is holding new jobs.  enabled since … → idle
 *   printer NAME now printing NAME-12.  enabled since … → printing
 *   printer NAME disabled since … -                    → offline (reason lines follow, indented)
 *   \tDescription: TEXT                                → displayName (with -l)
 *   system default destination: NAME[/INSTANCE]        → isDefault
 */
export function parseLpstat(output: string): PrinterInfo[] {
  const printers: PrinterInfo[] = [];
  let current: PrinterInfo | null = null;
  let defaultName: string | null = null;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    const printer = /^printer (\S+) (.*)$/.exec(line);
    if (printer) {
      const name = printer[1] ?? '';
      const rest = printer[2] ?? '';
      const status: PrinterInfo['status'] = /^disabled\b/.test(rest)
        ? 'offline'
        : /^now printing\b|^is printing\b/.test(rest)
          ? 'printing'
          : /^is idle\b|^is holding new jobs\b/.test(rest)
            ? 'idle'
            : 'unknown';
      current = { name, displayName: name, isDefault: false, status };
      printers.push(current);
      continue;
    }
    const description = /^\s+Description:\s*(.*)$/.exec(line);
    if (description && current) {
      const text = (description[1] ?? '').trim();
      if (text) current.displayName = text;
      continue;
    }
    const dflt = /^system default destination:\s*([^\s/]+)/.exec(line);
    if (dflt) defaultName = dflt[1] ?? null;
  }
  if (defaultName) for (const p of printers) p.isDefault = p.name === defaultName;
  return printers;
}

/** `request id is CUPS-PDF-12 (1 file(s))` → `CUPS-PDF-12`; null when the text has no job id. */
export function parseLpJobId(output: string): string | null {
  const m = /request id is (\S+)/.exec(output);
  return m?.[1] ?? null;
}

// ─── messages ──────────────────────────────────────────────────────────────────────────────

export const CUPS_MESSAGES = {
  lpstatMissing:
    '未找到 CUPS 命令 lpstat，无法列出打印机，请安装 CUPS / The CUPS command lpstat was not found, so no printer can be listed; install CUPS',
  lpMissing: '未找到 CUPS 打印命令 lp，请安装 CUPS / The CUPS print command lp was not found; install CUPS',
  schedulerDown: 'CUPS 打印服务未运行，请启动打印服务 / The CUPS print service is not running; start it',
  listFailed: (detail: string) => `无法读取打印机列表：${detail} / The printers could not be listed: ${detail}`,
  refused: (detail: string) => `打印任务被拒绝：${detail} / The print job was refused: ${detail}`,
  noJobId: (detail: string) =>
    `打印系统没有返回任务编号，请在打印队列中确认 / The print system returned no job number; check the print queue (${detail})`,
  timeout: (command: string) => `打印系统无响应（${command}） / The print system did not answer (${command})`,
} as const;

// ─── the port ──────────────────────────────────────────────────────────────────────────────

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

class MissingCommand extends Error {}
class TimedOut extends Error {}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: { ...process.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' }, timeout: timeoutMs, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new MissingCommand(command));
        if (error && error.killed) return reject(new TimedOut(command));
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The first meaningful line of a CUPS tool's complaint, without the `lp: ` prefix. */
const detailOf = (r: RunResult): string =>
  (r.stderr.trim() || r.stdout.trim() || `exit ${r.code}`)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/^(lp|lpstat):\s*/, '').trim())
    .join('; ')
    .slice(0, 300);

export interface CupsOptions {
  /** default 'lpstat' / 'lp' from PATH */
  lpstat?: string;
  lp?: string;
  timeoutMs?: number;
}

export function cupsPrinters(options: CupsOptions = {}): PrinterPort {
  const lpstat = options.lpstat ?? 'lpstat';
  const lp = options.lp ?? 'lp';
  const timeoutMs = options.timeoutMs ?? 15_000;

  return {
    async list(): Promise<PrinterInfo[]> {
      let r: RunResult;
      try {
        r = await run(lpstat, ['-l', '-p', '-d'], timeoutMs);
      } catch (e) {
        if (e instanceof MissingCommand) throw new Error(CUPS_MESSAGES.lpstatMissing);
        throw new Error(CUPS_MESSAGES.timeout('lpstat'));
      }
      const printers = parseLpstat(r.stdout);
      if (printers.length > 0) return printers;
      if (/scheduler is not running/i.test(r.stderr)) throw new Error(CUPS_MESSAGES.schedulerDown);
      if (r.code === 0 || /no destinations added/i.test(r.stderr) || /no system default destination/i.test(r.stdout)) return [];
      throw new Error(CUPS_MESSAGES.listFailed(detailOf(r)));
    },

    async print(pdf: Uint8Array, printer: string, title: string): Promise<string> {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'permit-desk-print-'));
      try {
        const file = path.join(dir, 'document.pdf');
        await fs.writeFile(file, pdf, { mode: 0o600 });
        let r: RunResult;
        try {
          r = await run(lp, ['-d', printer, '-o', 'media=A4', '-t', title || 'Permit Desk', file], timeoutMs);
        } catch (e) {
          if (e instanceof MissingCommand) throw new Error(CUPS_MESSAGES.lpMissing);
          throw new Error(CUPS_MESSAGES.timeout('lp'));
        }
        if (r.code !== 0) {
          if (/scheduler is not running/i.test(r.stderr)) throw new Error(CUPS_MESSAGES.schedulerDown);
          throw new Error(CUPS_MESSAGES.refused(detailOf(r)));
        }
        const job = parseLpJobId(r.stdout);
        if (!job) throw new Error(CUPS_MESSAGES.noJobId(detailOf(r)));
        return job;
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  };
}
