/**
 * The Electron fuses of the packaged app (electron-builder.yml → electronFuses): the binary cannot
 * run as Node, ignores NODE_OPTIONS and --inspect, loads only its integrity-checked app.asar, and
 * encrypts its cookies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

/** The `electronFuses:` block of electron-builder.yml, as key → boolean (a flat YAML mapping). */
function electronFuses(): Record<string, boolean> {
  const yml = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8').split('\n');
  const start = yml.findIndex((l) => /^electronFuses:\s*$/.test(l));
  expect(start, 'electron-builder.yml has an electronFuses: block').toBeGreaterThanOrEqual(0);
  const fuses: Record<string, boolean> = {};
  for (const line of yml.slice(start + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = /^\s+([A-Za-z]+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!m) break;
    fuses[m[1] as string] = m[2] === 'true';
  }
  return fuses;
}

it('configures the fuses that close Node, the inspector and unpacked code', () => {
  expect(electronFuses()).toMatchObject({
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

it('packs the app into an asar (the integrity fuses need one)', () => {
  const yml = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8');
  expect(yml).toMatch(/^asar: true$/m);
});
