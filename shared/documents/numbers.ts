/**
 * Certificate and permit numbers: the app's own conventions, which the sandbox bureau issues.
 *
 * | number | issued on approval of | format | example |
 * | --- | --- | --- | --- |
 * | 就业许可证书号码 (license certificate) | license | 'GZ' + 4-digit year + 7-digit sequence | GZ20260000123 |
 * | 就业证号码, foreigners | registration-licensed, registration-exempt | 'E' + 4-digit year + 7-digit sequence | E20260000123 |
 * | 就业证号码, Taiwan/Hong Kong/Macao residents | hmt-permit | 'T' + 4-digit year + 7-digit sequence | T20260000123 |
 * | 外国人来华工作许可通知编号 | wp-notice | 'WN' + 4-digit year + 7-digit sequence | WN20260000123 |
 * | 外国人工作许可证号码 | wp-permit | 'WP' + 4-digit year + 7-digit sequence | WP20260000123 |
 *
 * Recruitment approval issues no number (it unlocks the exempt registration form); an extension
 * keeps the number of the permit it extends, and so do a work permit's 延期, 变更 and 补办 (their
 * definition's `renews`); a 注销 issues nothing.
 */
import type { DocumentKind } from './types';

/** 就业许可证书号码: GZ + 11 digits. */
export const LICENSE_NO = /^GZ\d{11}$/;
/** 外国人就业证号码: E + 11 digits. */
export const PERMIT_NO_FOREIGN = /^E\d{11}$/;
/** 台港澳人员就业证号码: T + 11 digits. */
export const PERMIT_NO_HMT = /^T\d{11}$/;

/** 外国人来华工作许可通知编号: WN + 11 digits. */
export const WORK_PERMIT_NOTICE_NO = /^WN\d{11}$/;
/** 外国人工作许可证号码: WP + 11 digits. */
export const WORK_PERMIT_NO = /^WP\d{11}$/;

export const CERTIFICATE_KINDS = ['license', 'registration-licensed', 'registration-exempt', 'hmt-permit', 'wp-notice', 'wp-permit'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export type CertificatePrefix = 'GZ' | 'E' | 'T' | 'WN' | 'WP';

export const CERTIFICATE_PREFIX: Readonly<Record<CertificateKind, CertificatePrefix>> = {
  license: 'GZ',
  'registration-licensed': 'E',
  'registration-exempt': 'E',
  'hmt-permit': 'T',
  'wp-notice': 'WN',
  'wp-permit': 'WP',
};

/**
 * What a certificate entitles to: a 'license' (就业许可证书, 工作许可通知) leads to a permit and has
 * no expiry of its own here; a 'permit' (就业证, 工作许可证) has an expiry and is tracked in 到期提醒.
 */
/** every prefix a certificate number may carry, each once */
export const CERTIFICATE_PREFIXES: readonly CertificatePrefix[] = [...new Set(Object.values(CERTIFICATE_PREFIX))];
/** a certificate number of any kind: one of the prefixes and 11 digits */
export const ANY_CERTIFICATE_NO = new RegExp(`^(?:${CERTIFICATE_PREFIXES.join('|')})\\d{11}$`);

export function certificateClass(kind: CertificateKind): 'license' | 'permit' {
  return kind === 'license' || kind === 'wp-notice' ? 'license' : 'permit';
}

/** Whether approving a record of this kind issues a certificate / permit number. */
export function issuesCertificate(kind: DocumentKind): kind is CertificateKind {
  return (CERTIFICATE_KINDS as readonly string[]).includes(kind);
}

/**
 * The number issued for the seq-th approval of `kind` in `year`:
 * formatCertificateNumber('license', 2026, 123) === 'GZ20260000123'.
 * Throws a RangeError for a year outside 1000–9999 or a sequence outside 1–9,999,999.
 */
export function formatCertificateNumber(kind: CertificateKind, year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must be 4 digits: ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 9_999_999) throw new RangeError(`sequence must be 1–9999999: ${seq}`);
  return `${CERTIFICATE_PREFIX[kind]}${year}${String(seq).padStart(7, '0')}`;
}

/** What the number pages store: spaces removed, letters in capitals. */
export function normalizeNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * 就业许可证书号码 format check, exact (the number pages pass normalizeNumber(typed) first);
 * a bilingual message, or null.
 */
export function validateLicenseNo(
  value: string,
  label: { zh: string; en: string } = { zh: '就业许可证书号码', en: 'The employment license number' },
): string | null {
  if (LICENSE_NO.test(value)) return null;
  return `${label.zh}格式不正确，应为 GZ 加 11 位数字（如 GZ20260000123），请按证书填写 / ${label.en} is malformed: it is GZ followed by 11 digits (e.g. GZ20260000123); copy it from the certificate`;
}

/** 就业证号码 format check, exact, for foreigners ('foreign': E…) or HMT residents ('hmt': T…). */
export function validatePermitNo(value: string, applicant: 'foreign' | 'hmt'): string | null {
  const [re, letter] = applicant === 'foreign' ? [PERMIT_NO_FOREIGN, 'E'] : [PERMIT_NO_HMT, 'T'];
  if (re.test(value)) return null;
  return `就业证号码格式不正确，应为 ${letter} 加 11 位数字（如 ${letter}20260000123），请按就业证填写 / The employment permit number is malformed: it is ${letter} followed by 11 digits (e.g. ${letter}20260000123); copy it from the permit`;
}

/** 外国人来华工作许可通知编号 (WN…) or 外国人工作许可证号码 (WP…) format check, exact. */
export function validateWorkPermitNo(value: string, which: 'notice' | 'permit'): string | null {
  const [re, prefix, zh, en] =
    which === 'notice'
      ? [WORK_PERMIT_NOTICE_NO, 'WN', '外国人来华工作许可通知编号', 'The work permit notice number']
      : [WORK_PERMIT_NO, 'WP', '外国人工作许可证号码', 'The work permit number'];
  if (re.test(value)) return null;
  return `${zh}格式不正确，应为 ${prefix} 加 11 位数字（如 ${prefix}20260000123），请按${which === 'notice' ? '通知' : '许可证'}填写 / ${en} is malformed: it is ${prefix} followed by 11 digits (e.g. ${prefix}20260000123); copy it from the ${which === 'notice' ? 'notice' : 'permit'}`;
}

/** The number pages' check: the typed text is normalised, then checked. */
export const licenseNoEntryCheck = (typed: string): string | null => validateLicenseNo(normalizeNumber(typed));
export const permitNoEntryCheck =
  (applicant: 'foreign' | 'hmt') =>
  (typed: string): string | null =>
    validatePermitNo(normalizeNumber(typed), applicant);
export const workPermitNoEntryCheck =
  (which: 'notice' | 'permit') =>
  (typed: string): string | null =>
    validateWorkPermitNo(normalizeNumber(typed), which);
