/**
 * Fills a document form the way a user does, field by field through its labels: text, date
 * and number inputs by `fill`, selects by `selectOption`, 国籍 by typing its code, radio groups by checking
 * the option, the photo by choosing a file. Fields that are read-only on the page (e.g. the
 * number brought from the number page) are left alone.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { documentDef } from '../../../shared/documents';
import type { DocumentKind, FieldDef, FormValues } from '../../../shared/documents/types';
import { VALID_VALUES } from '../../fixtures/documents';

/** The control of a field (the first radio for a radio group). */
export function fieldControl(page: Page, field: FieldDef): Locator {
  if (field.type === 'radio') return page.getByRole('radiogroup', { name: field.label, exact: true }).getByRole('radio').first();
  return page.getByLabel(field.label, { exact: true });
}

export async function fillField(page: Page, field: FieldDef, value: string): Promise<void> {
  switch (field.type) {
    case 'select':
      await page.getByLabel(field.label, { exact: true }).selectOption(value);
      return;
    case 'country': {
      // the 国籍 combobox: type the ISO code in capitals, Enter takes the first match
      const box = page.getByRole('combobox', { name: field.label, exact: true });
      await box.fill(value);
      await box.press('Enter');
      await expect(page.getByRole('listbox')).toBeHidden();
      return;
    }
    case 'radio':
      await page
        .getByRole('radiogroup', { name: field.label, exact: true })
        .getByRole('radio', { name: value, exact: true })
        .check();
      return;
    case 'photo': {
      const m = /^data:([^;,]+);base64,(.*)$/s.exec(value);
      if (!m?.[1] || m[2] === undefined) throw new Error(`${field.key}: not a base64 data URL`);
      await page.getByLabel(field.label, { exact: true }).setInputFiles({
        name: m[1] === 'image/png' ? 'photo.png' : 'photo.jpg',
        mimeType: m[1],
        buffer: Buffer.from(m[2], 'base64'),
      });
      await expect(page.getByRole('img', { name: `${field.label}预览`, exact: false })).toBeVisible();
      return;
    }
    default:
      await page.getByLabel(field.label, { exact: true }).fill(value);
  }
}

export interface FillOptions {
  /** keys left as they are (e.g. the police opinion on the first save) */
  skip?: readonly string[];
  /** values to use instead of the kind's valid fixture */
  values?: FormValues;
}

/** Fills every editable field of `kind` from tests/fixtures/documents.ts (or `options.values`). */
export async function fillDocument(page: Page, kind: DocumentKind, options: FillOptions = {}): Promise<void> {
  const values = options.values ?? VALID_VALUES[kind];
  const def = documentDef(kind);
  await expect(page.getByRole('heading', { level: 1, name: def.title, exact: true })).toBeVisible();
  for (const section of def.sections) {
    for (const field of section.fields) {
      if (options.skip?.includes(field.key)) continue;
      const value = values[field.key];
      if (value === undefined) continue;
      if (field.readOnly && !(await fieldControl(page, field).isEditable())) continue;
      await fillField(page, field, value);
    }
  }
}
