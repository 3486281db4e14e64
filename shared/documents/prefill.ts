/**
 * Prefilling a new form: the employer section from the enterprise profile, and a follow-up
 * document from an approved one (license → licensed registration, recruitment → exempt
 * registration, registration → extension, hmt-permit → hmt-extension, and an approved extension
 * → the next extension of the same permit). What is copied is declared by the target kind's
 * `prefill` spec; only keys the target kind has are written.
 */
import { CERTIFICATE_KINDS, certificateClass } from './numbers';
import { documentDef } from './registry';
import { DOCUMENT_KINDS, type DocumentKind, type FormValues } from './types';

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
 * Kinds that renew a permit (their definition's `renews`): an approved one carries the permit's
 * number and its new expiry (numbers.ts), so the next renewal of that permit starts from it like
 * from the permit itself.
 */
export const RENEWAL_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS.filter((k) => documentDef(k).renews !== undefined);

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

/**
 * Kinds whose approval issues a permit with an expiry (就业证, 工作许可证): the permits 到期提醒
 * tracks, with the RENEWAL_KINDS that move or keep their expiry.
 */
export const PERMIT_ISSUING_KINDS: readonly DocumentKind[] = CERTIFICATE_KINDS.filter((k) => certificateClass(k) === 'permit');

/** A renewal that asks for a later expiry (延期), not one that keeps it (变更, 补办). */
function extendsExpiry(kind: DocumentKind): boolean {
  const def = documentDef(kind);
  return def.renews !== undefined && def.renews.expiryField !== def.prefill?.expiryField;
}

/**
 * The extension kind that renews a permit whose latest approval is of `kind` (a permit, or a
 * renewal of one): registration → extension, hmt-permit → hmt-extension, wp-permit / 延期 / 变更 /
 * 补办 → wp-extension. Undefined for a kind that leads to no permit.
 */
export function extensionKindFor(kind: DocumentKind): DocumentKind | undefined {
  const permitKind = documentDef(kind).renews?.permitKind;
  return DOCUMENT_KINDS.find((k) => {
    if (!extendsExpiry(k)) return false;
    const def = documentDef(k);
    return k === kind || (def.prefill?.from.includes(kind) ?? false) || (permitKind !== undefined && def.renews?.permitKind === permitKind);
  });
}
