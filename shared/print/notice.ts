/**
 * 《网上办理通知书》: printed once pre-review passed (every kind but recruitment). It tells the
 * employer where to go — 市一级劳动就业服务管理机构 for foreign nationals, 市或所在区（县级市）
 * 劳动就业服务管理机构 for Taiwan, Hong Kong and Macao residents — what to bring, and until when.
 *
 * The sync fills NoticeData from the bureau's review result; `noticeFromRecord` supplies what
 * the record itself knows (the applicant's name, nationality and document, the standard materials,
 * validity = approval + 30 days). What only the bureau can say — the notice number, the office and
 * its address — is never made up: when the bureau sent none, the notice says so and names the
 * kind of office to contact.
 */
import { FOREIGN_OFFICE, HMT_OFFICE } from '../api/schemas';
import { documentDef } from '../documents/registry';
import { DOCUMENT_KINDS } from '../documents/types';
import type { DocumentKind, FormValues } from '../documents/types';
import { formatDate, printedTitle, printedValue } from './format';
import { htmlDocument } from './form';
import { escapeHtml } from './html';
import { FONT_STACK } from './styles';

export interface NoticeData {
  /** 通知书编号 (the bureau's WB… number; '' when the bureau sent none: the notice says so) */
  noticeNo: string;
  /** the application's stable number (申请编号), '' when unknown */
  reference?: string;
  enterpriseName: string;
  applicantName: string;
  /** 国籍 (Chinese country name) or, for Taiwan/Hong Kong/Macao residents, 居民类别 */
  applicantNationality?: string;
  /** the identity document: 护照 / the HMT document type, and its number */
  applicantDocument?: string;
  applicantDocumentNo?: string;
  /** the document's printed title, e.g. 《外国人就业许可证书》申请表 */
  documentTitle: string;
  /** pre-review approval date, YYYY-MM-DD */
  approvedAt: string;
  /** the office the bureau named ('' when it named none: the notice names the kind of office to contact) */
  office: string;
  officeAddress: string;
  materials: string[];
  /** last day the notice is honoured, YYYY-MM-DD */
  validUntil: string;
  applicant: 'foreign' | 'hmt';
}

/** Days a notice is honoured after the approval (the bureau's rule: review date + 30 days). */
export const NOTICE_VALID_DAYS = 30;

export { FOREIGN_OFFICE, HMT_OFFICE };

/** The office the applicant goes to: by applicant, as the manual says. */
export function officeFor(applicant: 'foreign' | 'hmt'): string {
  return applicant === 'hmt' ? HMT_OFFICE : FOREIGN_OFFICE;
}

const OFFICE_EN: Record<string, string> = {
  [FOREIGN_OFFICE]: 'the municipal employment service administration',
  [HMT_OFFICE]: 'the municipal or district (county-level city) employment service administration',
};

const NOTICE = '本通知书';
const SEALED = '（加盖用人单位公章）';

/**
 * The standard materials to bring to the window, by kind (1996 《外国人在中国就业管理规定》
 * Art. 11, 16, 19; 2005 《台湾香港澳门居民在内地就业管理规定》). Recruitment has no notice.
 */
const MANUAL_MATERIALS: Readonly<Partial<Record<DocumentKind, readonly string[]>>> = {
  license: [
    NOTICE,
    '《外国人就业许可证书》申请表（经市公安出入境管理部门签署意见，加盖用人单位公章）',
    '用人单位营业执照（或登记证书）副本原件及复印件',
    '拟聘用外国人的履历证明',
    '聘用意向书',
    '拟聘用外国人原因的报告',
    '拟聘用外国人从事该项工作的资格证明',
    '拟聘用外国人的健康状况证明',
    '拟聘用外国人的护照复印件',
  ],
  recruitment: [],
  'registration-licensed': [
    NOTICE,
    `《外国人就业登记表》${SEALED}`,
    '《外国人就业许可证书》原件',
    '与用人单位签订的劳动合同',
    '护照原件及复印件（含有效的Z字签证页）',
    '近期二寸正面免冠照片二张',
  ],
  'registration-exempt': [
    NOTICE,
    `《外国人就业登记表》${SEALED}`,
    '经批准的《聘用外国人就业申请表》',
    '免办就业许可的有关证明文件',
    '与用人单位签订的劳动合同',
    '护照原件及复印件（含有效签证页）',
    '近期二寸正面免冠照片二张',
  ],
  extension: [
    NOTICE,
    `《外国人就业许可延期申请表》${SEALED}`,
    '《外国人就业证》原件',
    '续订的劳动合同',
    '护照原件及复印件',
    '居留许可复印件',
  ],
  'hmt-permit': [
    NOTICE,
    `《台湾香港澳门居民在内地就业证申请表》${SEALED}`,
    '用人单位营业执照（或登记证书）副本原件及复印件',
    '有效旅行证件（台湾居民来往大陆通行证、港澳居民来往内地通行证或港澳台居民居住证）原件及复印件',
    '健康状况证明',
    '与用人单位签订的劳动合同',
    '从事国家规定职业（工种）的，相应的职业资格证明',
    '近期二寸正面免冠照片二张',
  ],
  'hmt-extension': [
    NOTICE,
    `《台湾香港澳门居民在内地就业许可延期申请表》${SEALED}`,
    '《台港澳人员就业证》原件',
    '续订的劳动合同',
    '有效旅行证件原件及复印件',
  ],
};

/** Every kind's materials: the manual's kinds above, each later kind's from its definition. */
export const STANDARD_MATERIALS = Object.fromEntries(
  DOCUMENT_KINDS.map((k) => [k, MANUAL_MATERIALS[k] ?? documentDef(k).noticeMaterials ?? []]),
) as Readonly<Record<DocumentKind, readonly string[]>>;

/** What noticeFromRecord reads of a record (a RecordDetail satisfies it). */
export interface NoticeRecord {
  kind: DocumentKind;
  values: FormValues;
  /** when pre-review passed: an ISO instant or a YYYY-MM-DD date */
  reviewedAt?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The China Standard Time calendar date of an ISO instant (or the date itself); '' when unreadable. */
export function chinaDateOf(value: string | null | undefined): string {
  const v = (value ?? '').trim();
  if (ISO_DATE.test(v)) return v;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return '';
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n days ('' when the date is not one). */
export function addDays(date: string, days: number): string {
  if (!ISO_DATE.test(date)) return '';
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return '';
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

const nonEmpty = (s: string | undefined | null): s is string => typeof s === 'string' && s.trim() !== '';

/** 申请人 as printed: the foreign name with the Chinese name after it, or the HMT resident's name. */
export function applicantNameOf(kind: DocumentKind, values: FormValues): string {
  const def = documentDef(kind);
  if (def.applicant === 'hmt') return (values['hmt.name'] ?? '').trim();
  const en = (values['person.nameEn'] ?? '').trim();
  const zh = (values['person.nameZh'] ?? '').trim();
  return en && zh ? `${en}（${zh}）` : en || zh;
}

/** 国籍 (or 居民类别), the document's type and number, as printed on the notice. */
export function applicantIdentityOf(kind: DocumentKind, values: FormValues): { nationality: string; document: string; documentNo: string } {
  const v = (k: string) => (values[k] ?? '').trim();
  if (documentDef(kind).applicant === 'hmt') {
    return { nationality: v('hmt.residentType'), document: v('hmt.docType') || '证件', documentNo: v('hmt.docNo') };
  }
  return {
    nationality: printedValue({ type: 'country' }, values['person.nationality']),
    document: v('person.passportType') || '护照',
    documentNo: v('person.passportNo'),
  };
}

/**
 * The notice of an approved record: what the bureau sent, and for what it did not send what the
 * record knows — the applicant's identity, the standard materials of the kind, the approval date
 * from the record's review time, validity for NOTICE_VALID_DAYS after it. Number, office and
 * address stay '' when the bureau sent none.
 */
export function noticeFromRecord(
  record: NoticeRecord,
  opts: { enterpriseName?: string; bureau?: Partial<NoticeData> | Record<string, unknown> | null; today?: string; reference?: string } = {},
): NoticeData {
  const def = documentDef(record.kind);
  // the bureau's data arrives as stored JSON: take only well-typed fields
  const raw: Record<string, unknown> = opts.bureau && typeof opts.bureau === 'object' ? { ...opts.bureau } : {};
  const str = (k: keyof NoticeData) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const list = Array.isArray(raw.materials) ? raw.materials.filter((m): m is string => typeof m === 'string') : undefined;
  const b: Partial<NoticeData> = {
    noticeNo: str('noticeNo'),
    enterpriseName: str('enterpriseName'),
    applicantName: str('applicantName'),
    documentTitle: str('documentTitle'),
    approvedAt: str('approvedAt'),
    office: str('office'),
    officeAddress: str('officeAddress'),
    validUntil: str('validUntil'),
    ...(list ? { materials: list } : {}),
    ...(raw.applicant === 'foreign' || raw.applicant === 'hmt' ? { applicant: raw.applicant } : {}),
  };
  const approvedAt = nonEmpty(b.approvedAt) ? b.approvedAt : chinaDateOf(record.reviewedAt) || chinaDateOf(opts.today);
  const enterprise = nonEmpty(b.enterpriseName)
    ? b.enterpriseName
    : nonEmpty(record.values['employer.name'])
      ? record.values['employer.name'].trim()
      : (opts.enterpriseName ?? '').trim();
  const identity = applicantIdentityOf(record.kind, record.values);
  return {
    noticeNo: nonEmpty(b.noticeNo) ? b.noticeNo.trim() : '',
    reference: (opts.reference ?? '').trim(),
    enterpriseName: enterprise,
    applicantName: nonEmpty(b.applicantName) ? b.applicantName : applicantNameOf(record.kind, record.values),
    applicantNationality: identity.nationality,
    applicantDocument: identity.document,
    applicantDocumentNo: identity.documentNo,
    documentTitle: printedTitle(nonEmpty(b.documentTitle) ? b.documentTitle : def.title),
    approvedAt,
    office: nonEmpty(b.office) ? b.office.trim() : '',
    officeAddress: nonEmpty(b.officeAddress) ? b.officeAddress : '',
    materials: b.materials && b.materials.some(nonEmpty) ? b.materials.filter(nonEmpty) : [...STANDARD_MATERIALS[record.kind]],
    validUntil: nonEmpty(b.validUntil) ? b.validUntil : addDays(approvedAt, NOTICE_VALID_DAYS),
    applicant: b.applicant ?? def.applicant,
  };
}

const NOTICE_CSS = `
.notice { padding: 0 4mm; }
table.notice-page { width: 100%; border-collapse: collapse; }
table.notice-page > thead > tr > td, table.notice-page > tbody > tr > td { padding: 0; border: none; }
.notice-head .doc-title { font-size: 20pt; letter-spacing: 4pt; margin-top: 1mm; }
.notice-no { display: flex; justify-content: space-between; font-size: 10pt; margin: 2.5mm 0 2.5mm; }
.salutation { font-size: 12pt; margin: 0 0 2mm; }
.lead { font-size: 11pt; line-height: 1.6; text-indent: 2em; margin: 0; }
.lead-en { font-size: 8pt; line-height: 1.35; margin: 1mm 0 3mm; }
table.details { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 2mm 0 3mm; }
table.details tr { break-inside: avoid; page-break-inside: avoid; }
table.details th, table.details td { border: 0.75pt solid #000; padding: 0.6mm 2.5mm; vertical-align: middle; text-align: left; font-size: 10.5pt; }
table.details th { width: 38mm; text-align: center; font-weight: normal; }
table.details th .zh { font-size: 10pt; }
table.details th .en { display: block; }
table.details td.strong { font-size: 11pt; }
table.details .missing { font-size: 9.5pt; }
h2 { font-size: 11.5pt; margin: 3mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
h2 .en { margin-left: 2mm; font-family: ${FONT_STACK}; }
ol { margin: 0; padding-left: 7mm; font-size: 10.5pt; line-height: 1.4; }
li { break-inside: avoid; page-break-inside: avoid; }
.issuer { margin-top: 3mm; font-size: 10pt; line-height: 1.6; break-inside: avoid; page-break-inside: avoid; }
.issuer .date { text-align: right; font-size: 11pt; }
`;

/** Where the bureau sent no value: a plain line saying so, never a blank. */
const NOT_GIVEN = {
  noticeNo: '预审结果未载明通知书编号，办理时请出示申请编号 <span class="en">(not given in the pre-review result; show the application number)</span>',
  office: (applicant: 'foreign' | 'hmt') =>
    `预审结果未载明办理机构，请与${escapeHtml(officeFor(applicant))}联系确认办理窗口 <span class="en">(not given in the pre-review result: contact ${OFFICE_EN[officeFor(applicant)] ?? 'the employment service administration'} to confirm the window)</span>`,
  address: '预审结果未载明办理地址，请向办理机构确认 <span class="en">(not given in the pre-review result; confirm it with the office)</span>',
};

/** The notice as a complete HTML document (inline CSS, no script, every value escaped). */
export function renderNoticeHtml(notice: NoticeData): string {
  const h = escapeHtml;
  const blank = '<span class="blank-line"></span>';
  const v = (s: string | undefined) => ((s ?? '').trim() ? h((s ?? '').trim()) : blank);
  const d = (s: string) => (s.trim() ? h(formatDate(s)) : blank);
  const office = notice.office.trim();
  const officeText = office ? h(office) : `<span class="missing">${NOT_GIVEN.office(notice.applicant)}</span>`;
  const officeInLead = office ? h(office) : h(officeFor(notice.applicant));
  const officeEn = office ? (OFFICE_EN[office] ?? 'the office named below') : 'the office named below';
  const materials = notice.materials.filter((m) => m.trim() !== '');
  const number = notice.noticeNo.trim() ? h(notice.noticeNo.trim()) : `<span class="missing">${NOT_GIVEN.noticeNo}</span>`;
  const reference = (notice.reference ?? '').trim();
  const identity = [notice.applicantDocument, notice.applicantDocumentNo].map((x) => (x ?? '').trim()).filter(Boolean).join(' ');
  const row = (zh: string, en: string, cell: string, strong = false) =>
    `<tr><th scope="row"><span class="zh">${zh}</span><span class="en">${en}</span></th><td${strong ? ' class="strong"' : ''}>${cell}</td></tr>`;
  const title = printedTitle('网上办理通知书');

  // the head is the table's thead: Chromium repeats it on every page (title and number on page 2)
  const head = `<div class="notice-head"><h1 class="doc-title">${h(title)}</h1><p class="doc-title-en">Notice of Online Application</p>
<div class="notice-no"><span>${reference ? `申请编号 <span class="en">Application No.</span>：${h(reference)}` : ''}</span><span>编号 <span class="en">No.</span>：${notice.noticeNo.trim() ? h(notice.noticeNo.trim()) : '（未载明 / not given）'}</span></div></div>`;

  const body = `<p class="salutation">${v(notice.enterpriseName)}：</p>
<p class="lead">贵单位为 ${v(notice.applicantName)}${notice.applicantNationality?.trim() ? `（${h(notice.applicantNationality.trim())}${identity ? `，${h(identity)}` : ''}）` : identity ? `（${h(identity)}）` : ''} 网上申请的${v(notice.documentTitle)}，已于${d(notice.approvedAt)}通过网上预审。请于${d(notice.validUntil)}前，由经办人持本通知书及下列材料，到${officeInLead}窗口办理。</p>
<p class="lead-en en">The application has passed the online pre-review. Before the date of validity below, bring this notice and the materials listed to the window of ${h(officeEn)}.</p>
<table class="details">
${notice.noticeNo.trim() ? '' : row('通知书编号', 'Notice No.', number)}
${row('申请单位', 'Employer', v(notice.enterpriseName))}
${row('申请人', 'Applicant', v(notice.applicantName))}
${row(notice.applicant === 'hmt' ? '居民类别' : '国籍', notice.applicant === 'hmt' ? 'Resident of' : 'Nationality', v(notice.applicantNationality))}
${row('证件及号码', 'Document and number', identity ? h(identity) : blank)}
${row('申请事项', 'Document', v(notice.documentTitle))}
${row('预审通过日期', 'Approved on', d(notice.approvedAt))}
${row('办理机构', 'Office', officeText, true)}
${row('办理地址', 'Address', notice.officeAddress.trim() ? h(notice.officeAddress.trim()) : `<span class="missing">${NOT_GIVEN.address}</span>`)}
${row('有效期至', 'Valid until', d(notice.validUntil), true)}
</table>
<h2 class="title-bold">所需材料<span class="en">Materials to bring</span></h2>
<ol>${materials.map((m) => `<li>${h(m)}</li>`).join('')}</ol>
<h2 class="title-bold">注意事项<span class="en">Notes</span></h2>
<ol>
<li>本通知书有效期至${d(notice.validUntil)}，逾期未办理的，须重新网上申请。</li>
<li>复印件须加盖用人单位公章；原件经核对后退还。</li>
<li>所交材料与网上申请内容不一致的，不予办理。</li>
</ol>
<div class="issuer"><div>签发：${office ? h(office) : '外国人和台港澳人员就业许可网上办理系统'}（网上预审）。本通知书依据网上预审结果打印，以办理窗口审核为准。</div>
<div class="en">Issued by ${office ? h(officeEn) : 'the online application system'} (online pre-review). This notice is printed from the pre-review result; the window's check is final.</div>
<div class="date">${d(notice.approvedAt)}</div></div>`;
  const doc = `<div class="notice"><table class="notice-page"><thead><tr><td>${head}</td></tr></thead><tbody><tr><td>
${body}
</td></tr></tbody></table></div>`;
  return htmlDocument(title, NOTICE_CSS, doc);
}
