/**
 * GET /v1/permits of the sandbox: the certificates an enterprise holds, as the bureau's permit
 * feed (shared/api/schemas.ts `bureauPermit`). The holder comes from the values kept with the
 * certificate (person.* or hmt.*); the status: revoked once a 注销 of it was approved, otherwise
 * from its expiry on the sandbox's date.
 */
import type { BureauPermit, PermitHolder } from '../../shared/api/schemas';
import type { FormValues } from '../../shared/documents/types';
import type { CertificateRow } from './store';
import { chinaDate } from './time';

function holderOf(applicant: 'foreign' | 'hmt', v: FormValues): PermitHolder {
  const get = (key: string) => (v[key] ?? '').trim();
  const optional = <K extends string>(key: K, value: string) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
  const sex = get(applicant === 'foreign' ? 'person.sex' : 'hmt.sex');
  const common = {
    ...optional('birthDate', get(applicant === 'foreign' ? 'person.birthDate' : 'hmt.birthDate')),
    ...(sex === '男' || sex === '女' ? { sex: sex as '男' | '女' } : {}),
  };
  if (applicant === 'foreign') {
    return {
      name: get('person.nameEn') || get('person.nameZh'),
      ...optional('nameZh', get('person.nameZh')),
      documentType: get('person.passportType') || '普通护照',
      documentNumber: get('person.passportNo').toUpperCase(),
      ...optional('nationality', get('person.nationality')),
      ...common,
    };
  }
  return {
    name: get('hmt.name'),
    documentType: get('hmt.docType'),
    documentNumber: get('hmt.docNo').toUpperCase(),
    ...optional('nationality', get('hmt.residentType')),
    ...common,
  };
}

/** One certificate as an item of the permit feed. */
export function permitOf(c: CertificateRow & { seq: number }, now: Date): BureauPermit {
  const kind = c.kind === 'license' ? 'license' : c.applicant === 'hmt' ? 'hmt-permit' : 'permit';
  const today = chinaDate(now);
  return {
    cursor: c.seq,
    number: c.number,
    kind,
    applicant: c.applicant,
    holder: holderOf(c.applicant, c.holder),
    issueDate: chinaDate(new Date(c.issuedAt)),
    ...(c.expiry ? { expiry: c.expiry } : {}),
    status: c.revokedAt ? 'revoked' : c.expiry && c.expiry < today ? 'expired' : 'valid',
  };
}
