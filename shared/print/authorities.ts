/**
 * The authority areas at the end of every printed form, in the order the paper goes round:
 *
 *   申请单位（盖章）                 every form: the employer's seal and declaration
 *   行业主管部门意见（盖章）         license and recruitment: the industry authority approves before the
 *                                    labour office (1996 规定 Art. 11: the forms with 行业主管部门)
 *   市公安出入境管理部门意见（盖章） license and recruitment: the police opinion the manual names
 *   发证机关（盖章）/ 受理            every form: the labour office's intake (受理编号, 日期, 经办人),
 *                                    its seal, and the certificate number once issued
 *
 * Each area keeps a clear square of SEAL_MM for a seal (a company seal is 40–42 mm across). The
 * areas print empty: nothing typed in the desk appears in another authority's area.
 */
import { documentDef } from '../documents/registry';
import type { DocumentKind } from '../documents/types';
import { issuesCertificate } from '../documents/numbers';
import { BLANK_DATE } from './format';
import { escapeHtml as h } from './html';

export type AuthorityArea = 'employer' | 'industry' | 'police' | 'labour';

/** The clear square kept for a seal, mm (drawn 47 mm: at least 45 mm however it is measured). */
export const SEAL_MM = 47;
/** The height of one row of two areas, mm. */
export const AREA_ROW_H = 62;

/** The areas of a kind, in order: industry where the form has 行业主管部门, police where it has the police section. */
export function authorityAreas(kind: DocumentKind): AuthorityArea[] {
  const def = documentDef(kind);
  const has = (key: string) => def.sections.some((s) => s.fields.some((f) => f.key === key));
  return [
    'employer',
    ...(has('employer.authority') ? (['industry'] as const) : []),
    ...(has('police.opinion') ? (['police'] as const) : []),
    'labour',
  ];
}

/** The height the areas of a kind take (two to a row), mm. */
export function authorityHeight(kind: DocumentKind): number {
  return Math.ceil(authorityAreas(kind).length / 2) * AREA_ROW_H + 0.5;
}

/** The label of the certificate number the labour office issues on this kind, or null. */
export function certificateLabel(kind: DocumentKind): { zh: string; en: string } | null {
  if (!issuesCertificate(kind)) return null;
  return kind === 'license'
    ? { zh: '就业许可证书编号', en: 'Employment license No.' }
    : { zh: '就业证号码', en: 'Employment permit No.' };
}

const HEADS: Record<AuthorityArea, { zh: string; en: string }> = {
  employer: { zh: '申请单位（盖章）', en: 'Employer (official seal)' },
  industry: { zh: '行业主管部门意见（盖章）', en: 'Opinion of the competent industry authority (seal)' },
  police: {
    zh: '市公安出入境管理部门意见（盖章）',
    en: 'Opinion of the municipal exit-entry administration of the public security bureau (seal)',
  },
  labour: { zh: '发证机关（盖章）', en: 'Issuing authority: labour office (seal)' },
};

const line = '<span class="blank-line"></span>';
const item = (zh: string, en: string, value = line) =>
  `<div class="item"><div><span class="zh">${zh}</span><span class="en">${en}</span></div><div class="item-value">${value}</div></div>`;
const date = `<div class="item date-line">${BLANK_DATE}</div>`;
const opinionLines = '<div class="item"><span class="zh">意见：</span><span class="en">Opinion</span></div><div class="rule"></div><div class="rule"></div><div class="rule"></div>';

function leftColumn(area: AuthorityArea, kind: DocumentKind, certificateNo: string): string {
  switch (area) {
    case 'employer':
      return `<div class="item declare">本单位保证以上所填内容真实、准确。<div class="en">We certify that the information above is true and accurate.</div></div>${item('经办人（签字）：', 'Handled by')}${date}`;
    case 'industry':
      return `${opinionLines}${date}`;
    case 'police':
      // printed empty on every print: the opinion typed in the desk is recorded data, not written here
      return `${opinionLines}<div class="item date-line" data-key="police.date">${BLANK_DATE}</div>`;
    case 'labour': {
      const cert = certificateLabel(kind);
      const no = certificateNo.trim();
      return `${item('受理编号：', 'Intake No.')}${item('受理日期：', 'Date', `<span class="date-line">${BLANK_DATE}</span>`)}${item('经办人：', 'Officer')}${
        cert ? item(`${cert.zh}：`, cert.en, no ? `<span class="cert-no" data-key="certificateNo">${h(no)}</span>` : line) : ''
      }`;
    }
  }
}

function areaCell(area: AuthorityArea, kind: DocumentKind, certificateNo: string): string {
  const head = HEADS[area];
  const key = area === 'police' ? ' data-key="police.opinion"' : '';
  return `<td class="area area-${area}"${key}><div class="area-head"><span class="zh title-bold">${head.zh}</span><span class="en">${head.en}</span></div><div class="area-body"><div class="area-left">${leftColumn(area, kind, certificateNo)}</div><div class="seal" aria-label="盖章处"></div></div></td>`;
}

/** The areas as a table of two columns, rows of AREA_ROW_H (an odd last area beside an empty cell). */
export function authorityTable(kind: DocumentKind, certificateNo = ''): string {
  const areas = authorityAreas(kind);
  const rows: string[] = [];
  for (let i = 0; i < areas.length; i += 2) {
    const a = areas[i] as AuthorityArea;
    const b = areas[i + 1];
    rows.push(`<tr style="height:${AREA_ROW_H}mm">${areaCell(a, kind, certificateNo)}${b ? areaCell(b, kind, certificateNo) : '<td class="area"></td>'}</tr>`);
  }
  return `<table class="areas"><colgroup><col style="width:50%"><col style="width:50%"></colgroup><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export const AUTHORITY_CSS = `
table.areas { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.areas td { border: 0.75pt solid #000; border-top: none; vertical-align: top; padding: 1.2mm 1.6mm 1mm; }
.area-head { height: 9.5mm; overflow: hidden; }
.area-head .zh { font-size: 10pt; line-height: 1.25; display: block; }
.area-head .en { display: block; }
.area-body { display: flex; justify-content: space-between; align-items: stretch; }
.area-left { width: 36mm; font-size: 9pt; line-height: 1.25; display: flex; flex-direction: column; }
.area-left .item { margin-bottom: 1.6mm; }
.area-left .item .en { margin-left: 1mm; }
.area-left .declare { font-size: 9pt; }
.area-left .declare .en { margin-left: 0; }
.area-left .date-line { margin-top: auto; white-space: pre; margin-bottom: 0; }
.area-left .rule { border-bottom: 0.5pt solid #000; height: 5.5mm; }
.item-value { min-height: 4mm; }
.cert-no { font-size: 10pt; letter-spacing: 0.3pt; }
.seal { width: ${SEAL_MM}mm; height: ${SEAL_MM}mm; flex: none; }
.blank-line { display: inline-block; width: 30mm; border-bottom: 0.5pt solid #000; height: 3.6mm; }
`;
