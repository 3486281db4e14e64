/**
 * `npm run lint:electron` (tests/electronegativity): the scan runs offline, finds what it is made
 * to find, and only a reviewed allow-list entry explains a finding.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, readAllowList, scan, type Finding } from '../../electronegativity/scan';
import { tempDir } from '../../helpers/tmp';

const finding = (check: string, file: string): Finding => ({ check, file, severity: 'HIGH', confidence: 'FIRM', line: 1, column: 0, description: '' });
const t = tempDir('permit-desk-eng-');
afterAll(() => t.cleanup());

describe('the allow-list', () => {
  it('explains as many findings of a check in a file as it counts, no more', () => {
    const allow = [{ check: 'SANDBOX_JS_CHECK', file: 'printing.ts', count: 2, reason: 'hidden windows, options from a helper' }];
    expect(compare([finding('SANDBOX_JS_CHECK', 'printing.ts'), finding('SANDBOX_JS_CHECK', 'printing.ts')], allow)).toEqual({ unexplained: [], stale: [] });
    const third = compare([1, 2, 3].map(() => finding('SANDBOX_JS_CHECK', 'printing.ts')), allow);
    expect(third.unexplained).toHaveLength(1);
    expect(compare([finding('SANDBOX_JS_CHECK', 'main.ts')], allow).unexplained).toHaveLength(1);
    expect(compare([], allow).stale).toEqual(allow);
  });

  it('every entry of the committed list names a check and a file and says why', () => {
    const list = readAllowList(path.join(__dirname, '..', '..', 'electronegativity', 'allow-list.json'));
    expect(list.length).toBeGreaterThan(0);
    const bad = path.join(t.dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ check: 'SANDBOX_JS_CHECK', file: 'main.ts', count: 1, reason: 'ok' }]));
    expect(() => readAllowList(bad)).toThrow(/reason/);
  });
});

describe('the scan', () => {
  it('runs with no network and reports a window without isolation or sandbox, and nothing for a hardened one', async () => {
    const dir = path.join(t.dir, 'shell');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'bad.ts'),
      `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'good.ts'),
      `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true } });\n`,
    );
    const connect = net.Socket.prototype.connect;
    const attempts: unknown[] = [];
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      attempts.push(args[0]);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    let result: Awaited<ReturnType<typeof scan>>;
    try {
      result = await scan(dir, '45.5.0');
    } finally {
      net.Socket.prototype.connect = connect;
    }
    const { findings, errors } = result;
    expect(attempts).toEqual([]);
    expect(errors).toEqual([]);
    const checks = (file: string) => findings.filter((f) => f.file === file).map((f) => f.check);
    expect(checks('bad.ts')).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    expect(checks('good.ts')).not.toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(checks('good.ts')).not.toContain('SANDBOX_JS_CHECK');
    // nothing informational is reported
    expect(findings.every((f) => f.severity !== 'INFORMATIONAL')).toBe(true);
  }, 60_000);
});
