/**
 * Runs @doyensec/electronegativity over the Electron shell's sources (main/electron, the preload
 * included) with no network, and compares its findings with the reviewed allow-list.
 *
 * Offline: the tool fetches translations (and, for one check, Electron's release notes) with `got`
 * on every run; here `got` is replaced, in the tool's own module cache, by a function that fails at
 * once, and the release-notes check (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which cannot work
 * offline) is not run: the Electron version is pinned in package.json and upgraded deliberately.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  /** relative to the scanned folder, '/'-separated; 'N/A' for a global finding */
  file: string;
  line: number;
  column: number;
  description: string;
}

export interface AllowEntry {
  check: string;
  file: string;
  /** how many findings of this check in this file are explained (a new one is not) */
  count: number;
  reason: string;
}

export interface ScanResult {
  findings: Finding[];
  /** files the tool could not parse: unchecked, so a failure */
  errors: { file: string; message: string }[];
}

const require = createRequire(import.meta.url);
const TOOL_DIR = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));

/** Installs a `got` that fails at once, where the tool will look for it. */
function withoutNetwork(): void {
  const toolRequire = createRequire(path.join(TOOL_DIR, 'dist', 'locales', 'i18n.js'));
  const gotPath = toolRequire.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('electronegativity runs offline')), {
    get: () => Promise.reject(new Error('electronegativity runs offline')),
    head: () => Promise.reject(new Error('electronegativity runs offline')),
  });
  const fake = new Module(gotPath);
  fake.filename = gotPath;
  fake.loaded = true;
  fake.exports = offline;
  require.cache[gotPath] = fake;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  description: string;
}

type Runner = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: RawIssue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/** Findings above INFORMATIONAL in `input` (a folder), for the Electron version given. */
export async function scan(input: string, electronVersion: string): Promise<ScanResult> {
  withoutNetwork();
  const run = require(path.join(TOOL_DIR, 'dist', 'runner.js')) as Runner;
  const log = console.log;
  // the tool says so when its translations cannot be fetched: expected here, not news
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  try {
    const result = await run(
      {
        input: path.resolve(input),
        electronVersionOverride: electronVersion,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        customScan: [],
        isRelative: true,
        isSarif: false,
      },
      false,
    );
    return {
      findings: result.issues
        .filter((i) => i.severity.value > 0)
        .map((i) => ({
          check: i.id,
          severity: i.severity.name,
          confidence: i.confidence.name,
          file: i.file.split(path.sep).join('/'),
          line: i.location.line,
          column: i.location.column,
          description: i.description,
        })),
      errors: result.errors.filter((e) => !e.tolerable).map(({ file, message }) => ({ file, message })),
    };
  } finally {
    console.log = log;
  }
}

/** Reads and checks the allow-list: every entry names a check and a file and says why. */
export function readAllowList(file: string): AllowEntry[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of { check, file, count, reason }`);
  return parsed.map((e: unknown, i) => {
    const entry = e as Partial<AllowEntry>;
    if (
      typeof entry.check !== 'string' ||
      typeof entry.file !== 'string' ||
      !Number.isInteger(entry.count) ||
      (entry.count as number) < 1 ||
      typeof entry.reason !== 'string' ||
      entry.reason.trim().length < 20
    ) {
      throw new Error(`${file}[${i}]: every entry needs check, file, count ≥ 1 and a reason (a sentence)`);
    }
    return entry as AllowEntry;
  });
}

/** The findings the allow-list does not explain, and the entries that explain more than was found. */
export function compare(findings: readonly Finding[], allow: readonly AllowEntry[]): { unexplained: Finding[]; stale: AllowEntry[] } {
  const key = (check: string, file: string) => `${check}\u0000${file}`;
  const budget = new Map(allow.map((a) => [key(a.check, a.file), a.count]));
  const unexplained: Finding[] = [];
  for (const f of findings) {
    const k = key(f.check, f.file);
    const left = budget.get(k) ?? 0;
    if (left > 0) budget.set(k, left - 1);
    else unexplained.push(f);
  }
  const stale = allow.filter((a) => (budget.get(key(a.check, a.file)) ?? 0) > 0);
  return { unexplained, stale };
}
