import { documentDef } from './registry';
import type { DocumentKind, FormValues } from './types';

export const NOTHING_TO_SAVE =
  '请至少填写姓名或证件号码后再保存 / Enter at least a name or a document number before saving';

/**
 * 【保存】 needs something to know the application by: a form with neither a name nor a
 * document number would be a blank "—" row in the list. Main refuses it; the form says it first.
 */
export function saveRefusal(kind: DocumentKind, values: FormValues): string | null {
  const def = documentDef(kind);
  return def.personName(values).trim() || def.documentNumber(values).trim() ? null : NOTHING_TO_SAVE;
}
