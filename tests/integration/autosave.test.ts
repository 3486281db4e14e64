/** autosave:put is bounded in fields and size, in the contract and in the service; a refusal keeps what was saved. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openApp } from '../../main/services';
import { AUTOSAVE_MAX_BYTES, AUTOSAVE_MAX_KEYS } from '../../shared/bridge/contract';
import type { Envelope } from '../../shared/bridge/envelope';
import { FIXTURE_PHOTO, FIXTURE_TODAY, LICENSE_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';

let app: ReturnType<typeof openApp>;
let cleanup: () => void;
const KEY = 'form:license:new';

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  app = openApp({ dataDir: t.dir, mode: 'browser', version: 'test', defaultBureauUrl: '', now: () => new Date(`${FIXTURE_TODAY}T02:00:00Z`) });
  await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
});
afterEach(() => {
  app.close();
  cleanup();
});

const stored = async () => ((await app.dispatch('autosave:get', { key: KEY })) as Envelope<{ values: unknown }> & { ok: true }).value.values;
const TOO_LARGE = /自动保存的内容过大.* \/ The autosaved form is too large/;

it('keeps a form with its photo', async () => {
  const values = { ...LICENSE_VALUES, 'person.photo': FIXTURE_PHOTO };
  expect((await app.dispatch('autosave:put', { key: KEY, values })).ok).toBe(true);
  expect(await stored()).toEqual(values);
});

it('refuses more than AUTOSAVE_MAX_KEYS fields, keeping what was saved', async () => {
  await app.dispatch('autosave:put', { key: KEY, values: LICENSE_VALUES });
  const values = Object.fromEntries(Array.from({ length: AUTOSAVE_MAX_KEYS + 1 }, (_, i) => [`f${i}`, 'x']));
  const e = await app.dispatch('autosave:put', { key: KEY, values });
  expect(e.ok).toBe(false);
  expect(JSON.stringify(e)).toMatch(TOO_LARGE);
  expect(await stored()).toEqual(LICENSE_VALUES);
});

it('refuses more than AUTOSAVE_MAX_BYTES, counted in UTF-8 bytes', async () => {
  await app.dispatch('autosave:put', { key: KEY, values: LICENSE_VALUES });
  // 3 bytes a character: under the limit in characters, over it in bytes
  const big = '中'.repeat(1_000_000);
  const values = { a: big, b: big, c: big };
  expect(Object.values(values).join('').length).toBeLessThan(AUTOSAVE_MAX_BYTES);
  const e = await app.dispatch('autosave:put', { key: KEY, values });
  expect(e.ok).toBe(false);
  expect(JSON.stringify(e)).toMatch(TOO_LARGE);
  expect(await stored()).toEqual(LICENSE_VALUES);
});

it('the service counts the stored JSON itself (escapes included), whoever calls it', async () => {
  app.core.autosave.put(KEY, LICENSE_VALUES);
  // 4 × 1.9 M quotes: 7.6 MB of text, under the contract's count; 15.2 MB once escaped
  const quotes = '"'.repeat(1_900_000);
  const values = { a: quotes, b: quotes, c: quotes, d: quotes };
  expect(() => app.core.autosave.put(KEY, values)).toThrow(TOO_LARGE);
  expect(app.core.autosave.get(KEY)).toEqual(LICENSE_VALUES);
});
