/**
 * The reviewer's decisions: 预审通过 issues the 《网上办理通知书》 data (every kind but
 * recruitment) and, per shared/documents/numbers.ts, a certificate number (license → GZ…,
 * registrations → E…, hmt-permit → T…, with the permit's expiry); an extension carries the
 * extended permit's number and new expiry; a 注销 revokes the enterprise's permit it names (GET
 * /v1/permits lists it as revoked). 预审不通过 carries its reason. Either way one result is
 * published to the review-results feed and the submission leaves 'pending' for good.
 */
import { FOREIGN_OFFICE, HMT_OFFICE, type IssuedCertificate, type Notice, type ReviewResult } from '../../shared/api/schemas';
import { PROBLEM_TYPES } from '../../shared/api/problems';
import { CERTIFICATE_PREFIX, certificateClass, issuesCertificate } from '../../shared/documents/numbers';
import { documentDef } from '../../shared/documents/registry';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import { addDays, addYears, isIsoDate } from '../../shared/validation/dates';
import type { SandboxStore, SubmissionRow } from './store';
import { chinaDate } from './time';

export const NOTICE_VALID_DAYS = 30;
export const MAX_REASON_LENGTH = 500;

export const FOREIGN_OFFICE_ADDRESS = '广州市天河区天府路1号 广州市劳动就业服务管理中心 外国人就业服务窗口（一楼）';

function hmtOfficeAddress(district: string): string {
  const city = '广州市劳动就业服务管理中心（广州市天河区天府路1号）';
  return district ? `广州市${district}劳动就业服务管理中心 台港澳人员就业服务窗口，或${city}` : city;
}

/** The materials to bring to the window, by kind (a kind may define its own: `noticeMaterials`). */
export const MATERIALS: Readonly<Partial<Record<DocumentKind, readonly string[]>>> = {
  license: [
    '本通知书及《外国人就业许可证书》申请表（本系统打印，加盖单位公章）',
    '拟聘用外国人的履历证明',
    '聘用意向书',
    '拟聘用外国人原因的报告',
    '拟聘用外国人从事该项工作的资格证明',
    '拟聘用外国人的健康状况证明',
    '拟聘用外国人的护照复印件',
    '用人单位营业执照副本（或登记证书）复印件',
  ],
  recruitment: [],
  'registration-licensed': [
    '本通知书及《外国人就业登记表》（本系统打印，加盖单位公章）',
    '《外国人就业许可证书》原件',
    '护照原件（含 Z 字签证及入境验讫章）及复印件',
    '劳动合同原件及复印件',
    '出入境检验检疫机构出具的健康证明',
    '近期正面免冠彩色照片 2 张',
  ],
  'registration-exempt': [
    '本通知书及《外国人就业登记表》（本系统打印，加盖单位公章）',
    '预审通过的《聘用外国人就业申请表》',
    '免办就业许可的证明文件',
    '护照原件（含签证及入境验讫章）及复印件',
    '劳动合同原件及复印件',
    '近期正面免冠彩色照片 2 张',
  ],
  extension: [
    '本通知书及外国人就业许可延期申请表（本系统打印，加盖单位公章）',
    '《外国人就业证》原件',
    '续订的劳动合同原件及复印件',
    '护照原件及复印件',
  ],
  'hmt-permit': [
    '本通知书及《台湾香港澳门居民在内地就业证申请表》（本系统打印，加盖单位公章）',
    '本人有效身份证件（通行证或居住证）原件及复印件',
    '劳动合同原件及复印件',
    '学历证明或职业资格证书复印件',
    '健康状况证明',
    '近期正面免冠彩色照片 2 张',
  ],
  'hmt-extension': [
    '本通知书及《台湾香港澳门居民在内地就业许可延期申请表》（本系统打印，加盖单位公章）',
    '《台港澳人员就业证》原件',
    '续订的劳动合同原件及复印件',
    '本人有效身份证件原件及复印件',
  ],
};

export class ReviewError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    readonly type: string,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

function pendingSubmission(store: SandboxStore, id: string): SubmissionRow {
  const s = store.submission(id);
  if (!s) throw new ReviewError(404, PROBLEM_TYPES.notFound, `没有编号为 ${id} 的提交 / No submission ${id}`);
  if (s.state !== 'pending') {
    const state = s.state === 'approved' ? '预审通过' : '预审不通过';
    throw new ReviewError(409, PROBLEM_TYPES.alreadyReviewed, `提交 ${id} 已审核（${state}），不能再次审核 / Submission ${id} has already been reviewed (${s.state})`);
  }
  return s;
}

/** The holder data kept with a certificate: person.*, hmt.*, job.*, employer.* */
function holderOf(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (/^(person|hmt|job|employer)\./.test(k)) out[k] = v;
  }
  return out;
}

function valueOf(values: FormValues, key: string): string {
  return (values[key] ?? '').trim();
}

/** 预审通过: issues the notice and the certificate, publishes the result. */
export function approveSubmission(store: SandboxStore, id: string, now: Date): ReviewResult {
  return store.transaction(() => {
    const s = pendingSubmission(store, id);
    const def = documentDef(s.kind);
    const today = chinaDate(now);
    const year = Number(today.slice(0, 4));
    const values = s.values;

    let notice: Notice | undefined;
    if (def.hasNotice) {
      notice = {
        noticeNo: store.nextNoticeNumber(year),
        office: def.applicant === 'foreign' ? FOREIGN_OFFICE : HMT_OFFICE,
        officeAddress: def.applicant === 'foreign' ? FOREIGN_OFFICE_ADDRESS : hmtOfficeAddress(valueOf(values, 'job.district')),
        materials: [...(MATERIALS[s.kind] ?? def.noticeMaterials ?? [])],
        validUntil: addDays(today, NOTICE_VALID_DAYS),
        applicantName: def.personName(values),
        documentTitle: def.title,
      };
    }

    let certificate: IssuedCertificate | undefined;
    const kind = s.kind;
    if (issuesCertificate(kind)) {
      const number = store.nextCertificateNumber(kind, year);
      const end = valueOf(values, 'job.end');
      const expiry = certificateClass(kind) === 'license' ? undefined : isIsoDate(end) ? end : addYears(today, 1);
      certificate = expiry ? { number, expiry } : { number };
      store.putCertificate({
        number,
        kind: certificateClass(kind),
        documentKind: kind,
        applicant: def.applicant,
        enterpriseId: s.enterpriseId,
        submissionId: s.id,
        holder: holderOf(values),
        expiry: expiry ?? null,
        issuedAt: now.toISOString(),
      });
    } else if (def.renews) {
      // an extension (or a work permit's change or reissue) keeps the permit's number
      const number = valueOf(values, def.renews.numberField);
      const newExpiry = valueOf(values, def.renews.expiryField);
      const format = new RegExp(`^${CERTIFICATE_PREFIX[def.renews.permitKind]}\\d{11}$`);
      if (format.test(number) && isIsoDate(newExpiry)) {
        certificate = { number, expiry: newExpiry };
        const known = store.certificate(number);
        if (known && known.enterpriseId === s.enterpriseId) {
          store.putCertificate({ ...known, holder: { ...known.holder, ...holderOf(values) }, expiry: newExpiry });
        } else if (!known) {
          store.putCertificate({
            number,
            kind: 'permit',
            documentKind: def.renews.permitKind,
            applicant: def.applicant,
            enterpriseId: s.enterpriseId,
            submissionId: s.id,
            holder: holderOf(values),
            expiry: newExpiry,
            issuedAt: now.toISOString(),
          });
        }
      }
    }

    if (def.cancels) {
      // 注销: the answer names the permit it ends (no expiry); the enterprise's own permit is revoked
      const number = valueOf(values, def.cancels.numberField);
      if (new RegExp(`^${CERTIFICATE_PREFIX[def.cancels.permitKind]}\\d{11}$`).test(number)) {
        certificate = { number };
        store.revokeCertificate(number, s.enterpriseId, now.toISOString());
      }
    }

    store.setSubmissionState(s.id, 'approved');
    return store.publishResult(s.id, s.enterpriseId, {
      clientId: s.clientId,
      revision: s.revision,
      kind: s.kind,
      decision: '预审通过',
      reason: '',
      reviewedAt: now.toISOString(),
      ...(notice ? { notice } : {}),
      ...(certificate ? { certificate } : {}),
    });
  });
}

/** 预审不通过 with its reason (required). */
export function rejectSubmission(store: SandboxStore, id: string, reason: string, now: Date): ReviewResult {
  const text = reason.trim();
  if (text === '' || text.length > MAX_REASON_LENGTH) {
    const message =
      text === ''
        ? '请填写不通过原因 / Please give the reason for the rejection'
        : `不通过原因不能超过 ${MAX_REASON_LENGTH} 个字符 / The reason must be at most ${MAX_REASON_LENGTH} characters`;
    throw new ReviewError(422, PROBLEM_TYPES.validation, message, { reason: message });
  }
  return store.transaction(() => {
    const s = pendingSubmission(store, id);
    store.setSubmissionState(s.id, 'rejected');
    return store.publishResult(s.id, s.enterpriseId, {
      clientId: s.clientId,
      revision: s.revision,
      kind: s.kind,
      decision: '预审不通过',
      reason: text,
      reviewedAt: now.toISOString(),
    });
  });
}
