/**
 * Writes shared/api/openapi.json from the zod contract (shared/api/openapi.ts):
 *
 *     npx tsx tests/sandbox/writeOpenapi.ts
 *
 * tests/unit/api/openapi.test.ts fails until the committed file matches the schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../../shared/api/openapi';

export const OPENAPI_FILE = fileURLToPath(new URL('../../shared/api/openapi.json', import.meta.url));

export function renderOpenapi(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  fs.writeFileSync(OPENAPI_FILE, renderOpenapi());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
