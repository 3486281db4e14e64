import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createI18n } from 'vue-i18n';
import { zh } from '../../../renderer/src/i18n/zh';
import { en } from '../../../renderer/src/i18n/en';
import {
  DOCUMENT_KINDS,
  EDIT_COLUMN,
  NOTICE_COLUMN,
  REGISTRATION_COLUMN,
  REVIEW_STATE_COLUMN,
  SUBMIT_COLUMN,
  SUBMIT_STATE_COLUMN,
  VIEW_COLUMN,
  documentDef,
} from '../../../shared/documents';
import { PERSON_TYPE_LABELS, PERSON_TYPES } from '../../../shared/roster/person';
import { reviewState, submitState } from '../../../shared/lifecycle';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const zhMessages = leaves(zh);
const enMessages = leaves(en);
const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zh, en }, missingWarn: false, fallbackWarn: false });

/** every {name} of a message, given a value that shows where it landed */
function render(locale: 'zh-CN' | 'en', key: string, message: string): { actual: string; expected: string } {
  const params = Object.fromEntries([...message.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `[${m[1]}]`]));
  return {
    actual: i18n.global.t(key, params, { locale }),
    expected: message.replace(/\{(\w+)\}/g, (_, name: string) => `[${name}]`),
  };
}

describe('the interface catalogues', () => {
  it('English has every key of Chinese, and no other', () => {
    expect([...enMessages.keys()].sort()).toEqual([...zhMessages.keys()].sort());
    for (const [key, value] of enMessages) expect(value.trim(), key).not.toBe('');
  });

  it('every message renders as written: no vue-i18n syntax (@, |, %) slips in, spacing kept', () => {
    for (const [locale, messages] of [['zh-CN', zhMessages], ['en', enMessages]] as const) {
      for (const [key, message] of messages) {
        const { actual, expected } = render(locale, key, message);
        expect(actual, `${locale} ${key}`).toBe(expected);
      }
    }
  });

  it('the English side has no Chinese but for the names the printed forms use', () => {
    const allowed = /[（）《》【】“”：、，]|到期提醒|劳动就业/;
    for (const [key, value] of enMessages) {
      const han = value.replace(new RegExp(allowed, 'g'), '').match(/\p{Script=Han}/u);
      expect(han, key).toBeNull();
    }
  });

  it('Chinese repeats the shared definitions exactly (query columns, print columns, states, person types)', () => {
    expect(zh.columns).toEqual({
      submitState: SUBMIT_STATE_COLUMN,
      reviewState: REVIEW_STATE_COLUMN,
      view: VIEW_COLUMN,
      edit: EDIT_COLUMN,
      submit: SUBMIT_COLUMN,
      notice: NOTICE_COLUMN,
      registration: REGISTRATION_COLUMN,
    });
    for (const kind of DOCUMENT_KINDS) expect(zh.printColumn[kind]).toBe(documentDef(kind).printColumn);
    for (const type of PERSON_TYPES) expect(zh.personType[type]).toBe(PERSON_TYPE_LABELS[type]);
    expect([zh.status.draft, zh.status.submitted]).toEqual([submitState('draft'), submitState('submitted')]);
    expect([zh.status.pending, zh.status.approved, zh.status.rejected]).toEqual([reviewState('submitted'), reviewState('approved'), reviewState('rejected')]);
  });

  it("the Chinese window title is index.html's", () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    expect(html).toContain(`<title>${zh.app.documentTitle}</title>`);
  });
});
