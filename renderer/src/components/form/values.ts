/** Form values of one document kind: every field key present, '' when empty, nothing else. */
import type { DocumentDef, FormValues } from '../../../../shared/documents/types';

export function fieldKeys(def: DocumentDef): string[] {
  return def.sections.flatMap((s) => s.fields.map((f) => f.key));
}

/** `values` reduced to the kind's own fields (unknown keys dropped, missing ones ''). */
export function pickValues(keys: readonly string[], values: Readonly<Record<string, unknown>> | null | undefined): FormValues {
  const out: FormValues = {};
  for (const k of keys) {
    const v = values?.[k];
    out[k] = typeof v === 'string' ? v : '';
  }
  return out;
}

/** `base` with the non-empty values of `over` on top (kind's own keys only). */
export function overlay(keys: readonly string[], base: FormValues, over: Readonly<Record<string, unknown>> | null | undefined): FormValues {
  const out: FormValues = { ...base };
  for (const k of keys) {
    const v = over?.[k];
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}

export function sameValues(keys: readonly string[], a: FormValues, b: FormValues): boolean {
  return keys.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
