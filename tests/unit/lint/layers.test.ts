import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import fs from 'node:fs';

const fixture = fs.readFileSync('tests/fixtures/lint/renderer-imports-electron.ts', 'utf8');
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code = fixture): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer table is enforced by lint', () => {
  it.each(['renderer/src/pages/Fixture.ts', 'shared/fixture.ts'])('%s may not import electron, better-sqlite3 or node:', async (file) => {
    const messages = await restrictedImports(file);
    expect(messages).toHaveLength(3);
  });

  it('main/services may use node: and better-sqlite3 but not electron', async () => {
    const messages = await restrictedImports('main/services/fixture.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/electron/);
  });

  it('main/electron may import electron', async () => {
    expect(await restrictedImports('main/electron/fixture.ts')).toHaveLength(0);
  });

  it('shared/ may not reach up into main/', async () => {
    expect(await restrictedImports('shared/fixture.ts', "import { openApp } from '../main/services';\nexport const x = openApp;\n")).toHaveLength(1);
  });
});
