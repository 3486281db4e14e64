/**
 * Prefilling a new form: the employer section from the enterprise profile, and a follow-up
 * document from an approved one (license → licensed registration, recruitment → exempt
 * registration, registration → extension, hmt-permit → hmt-extension, and an approved extension
 * → the next extension of the same permit). What is copied is declared by the target kind's
 * `prefill` spec; only keys the target kind has are written.
 */
import { documentDef } from './registry';
import type { DocumentKind, FormValues } from './types';

/** The enterprise profile's fields used by the employer section (bridge `enterpriseProfile`). */
export interface EmployerProfile {
  readonly name: string;
  readonly uscc: string;
  readonly address: string;
  readonly postcode: string;
  readonly type: string;
  readonly legalRep: string;
  readonly contact: string;
  readonly phone: string;
}

const PROFILE_KEYS = ['name', 'uscc', 'address', 'postcode', 'type', 'legalRep', 'contact', 'phone'] as const;

/** employer.* values from the profile (empty profile fields are left out). */
export function employerValues(profile: EmployerProfile): FormValues {
  const out: FormValues = {};
  for (const k of PROFILE_KEYS) {
    const v = profile[k];
    if (typeof v === 'string' && v.trim() !== '') out[`employer.${k}`] = v;
  }
  return out;
}

/**
 * Kinds that renew a permit: an approved one carries the permit's number and its new expiry
 * (numbers.ts), so the next renewal of that permit starts from it like from the permit itself.
 */
export const RENEWAL_KINDS: readonly DocumentKind[] = ['extension', 'hmt-extension'];

const renews = (target: DocumentKind, source: DocumentKind) => target === source && RENEWAL_KINDS.includes(target);

/** Whether `target` can be prefilled from an approved record of `source`. */
export function canPrefill(target: DocumentKind, source: DocumentKind): boolean {
  return (documentDef(target).prefill?.from.includes(source) ?? false) || renews(target, source);
}

/**
 * The values a new `targetKind` form starts with, from an approved `sourceKind` record and the
 * number issued for it. Throws when the target is not prefilled from that source.
 */
export function prefillFrom(
  targetKind: DocumentKind,
  sourceKind: DocumentKind,
  sourceValues: FormValues,
  certificate?: { number: string; expiry?: string },
): FormValues {
  const target = documentDef(targetKind);
  const spec = target.prefill;
  if (!spec || !(spec.from.includes(sourceKind) || renews(targetKind, sourceKind))) {
    throw new Error(`${targetKind} is not prefilled from ${sourceKind}`);
  }
  const copies = (key: string) => spec.copy.some((c) => (c.endsWith('.') ? key.startsWith(c) : key === c));
  const out: FormValues = {};
  for (const f of target.fields) {
    const v = sourceValues[f.key];
    if (copies(f.key) && typeof v === 'string' && v !== '') out[f.key] = v;
  }
  if (certificate) {
    if (spec.numberField && certificate.number && target.field(spec.numberField)) out[spec.numberField] = certificate.number;
    if (spec.expiryField && certificate.expiry && target.field(spec.expiryField)) out[spec.expiryField] = certificate.expiry;
  }
  return out;
}
