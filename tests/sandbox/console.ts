/**
 * The reviewer console (审核台) at GET /review: every submission with its full data, and the
 * 预审通过 / 预审不通过 buttons (the latter with the required field 不通过原因). Plain
 * server-rendered HTML, no script; every value from an enterprise is escaped.
 */
import type { ReviewResult } from '../../shared/api/schemas';
import { documentDef } from '../../shared/documents/registry';
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import { countryByCode } from '../../shared/validation/countries';
import { esc } from './http';
import type { SubmissionState } from './store';
import { chinaDateTime } from './time';

export const STATE_LABELS: Readonly<Record<SubmissionState, '待预审' | '预审通过' | '预审不通过'>> = {
  pending: '待预审',
  approved: '预审通过',
  rejected: '预审不通过',
};

/** A submission as the review API (GET /review/api/submissions) and the console show it. */
export interface SubmissionView {
  submissionId: string;
  /** the account the submission was filed under (the token's enterprise) */
  enterpriseId: number;
  enterprise: { email: string; name: string; uscc: string };
  kind: DocumentKind;
  /** the document's printed title */
  title: string;
  personName: string;
  clientId: string;
  revision: number;
  submittedAt: string;
  receivedAt: string;
  state: SubmissionState;
  stateLabel: '待预审' | '预审通过' | '预审不通过';
  values: FormValues;
  result: ReviewResult | null;
}

export interface ConsolePage {
  views: readonly SubmissionView[];
  counts: Readonly<Record<SubmissionState | 'all', number>>;
  filter: SubmissionState | 'all';
  flash?: string;
  /** a refused action (unknown or already reviewed submission) */
  alert?: string;
  error?: { submissionId: string; message: string };
}

const SAFE_PHOTO = /^data:image\/(?:png|jpeg);base64,[A-Za-z0-9+/=\s]+$/;

function fieldValue(type: string, value: string): string {
  if (type === 'photo') {
    return SAFE_PHOTO.test(value) ? `<img class="photo" alt="照片" src="${esc(value)}">` : '<span class="muted">（无法显示 / not displayable）</span>';
  }
  if (type === 'country') {
    const c = countryByCode(value);
    return c ? `${esc(c.zh)} <span class="muted">${esc(c.code)}</span>` : esc(value);
  }
  return esc(value);
}

function detailsOf(v: SubmissionView): string {
  const def = documentDef(v.kind);
  const sections = def.sections
    .map((section) => {
      const rows = section.fields
        .map((f) => {
          const value = v.values[f.key] ?? '';
          return `<tr><th>${esc(f.label)}<small>${esc(f.labelEn)}</small></th><td>${value === '' ? '<span class="muted">—</span>' : fieldValue(f.type, value)}</td></tr>`;
        })
        .join('');
      return `<section><h4>${esc(section.title)} <small>${esc(section.titleEn)}</small></h4><table class="fields">${rows}</table></section>`;
    })
    .join('');
  const meta = `<p class="meta">客户端编号 clientId：<code>${esc(v.clientId)}</code> · 提交时间：${esc(chinaDateTime(v.submittedAt))} · 统一社会信用代码：${esc(v.enterprise.uscc)} · 企业邮箱：${esc(v.enterprise.email)}</p>`;
  return `<details><summary>查看全部内容 <small>full data</small></summary>${meta}<div class="sections">${sections}</div></details>`;
}

function outcomeOf(v: SubmissionView): string {
  const r = v.result;
  if (!r) return '';
  if (r.decision === '预审不通过') return `<div class="outcome rejected">不通过原因：${esc(r.reason)}</div>`;
  const parts: string[] = [];
  if (r.notice) parts.push(`通知书编号 ${esc(r.notice.noticeNo)}（有效期至 ${esc(r.notice.validUntil)}）`);
  if (r.certificate) parts.push(`证书号码 ${esc(r.certificate.number)}${r.certificate.expiry ? `（有效期至 ${esc(r.certificate.expiry)}）` : ''}`);
  return `<div class="outcome approved">${parts.length ? parts.join('；') : '已通过，可填写《外国人就业登记表》'}</div>`;
}

function actionsOf(v: SubmissionView, error: ConsolePage['error']): string {
  if (v.state !== 'pending') return outcomeOf(v);
  const id = esc(v.submissionId);
  const err = error && error.submissionId === v.submissionId ? `<p class="error" role="alert">${esc(error.message)}</p>` : '';
  return `<form method="post" action="/review/${id}/approve" class="approve"><button type="submit" class="ok">预审通过</button></form>
<form method="post" action="/review/${id}/reject" class="reject">${err}<label for="reason-${id}">不通过原因</label><textarea id="reason-${id}" name="reason" required maxlength="500" rows="2" placeholder="请写明需要更正的内容 / what must be corrected"></textarea><button type="submit" class="no">预审不通过</button></form>`;
}

const STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1f2d3d;font-size:14px}
header{background:#1f4e8c;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85}
main{padding:16px 24px}nav a{display:inline-block;margin-right:8px;padding:4px 12px;border-radius:14px;background:#fff;border:1px solid #c9d3e0;color:#1f4e8c;text-decoration:none}
nav a.on{background:#1f4e8c;color:#fff}table.list{width:100%;border-collapse:collapse;background:#fff;margin-top:12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
table.list>thead th{background:#e8eef6;text-align:left;padding:8px;border-bottom:1px solid #c9d3e0;white-space:nowrap}
table.list>tbody>tr>td{padding:8px;border-bottom:1px solid #e4e9f0;vertical-align:top}tr.detail>td{background:#fafbfd}
.state{padding:2px 8px;border-radius:10px;white-space:nowrap}.state.pending{background:#fff4d6;color:#8a5a00}.state.approved{background:#dff5e3;color:#17692b}.state.rejected{background:#fde2e1;color:#a1231b}
form{margin:0 0 6px}form.reject label{display:block;font-weight:bold;margin-bottom:2px}textarea{width:100%;min-width:220px;box-sizing:border-box;font:inherit}
button{font:inherit;padding:4px 14px;border-radius:4px;border:1px solid;cursor:pointer;margin-top:4px}button.ok{background:#1a7f37;border-color:#1a7f37;color:#fff}button.no{background:#fff;border-color:#c62828;color:#c62828}
details summary{cursor:pointer;color:#1f4e8c}.sections{display:flex;flex-wrap:wrap;gap:12px}section{background:#fff;border:1px solid #e4e9f0;border-radius:4px;padding:8px 12px;min-width:300px;flex:1}
section h4{margin:0 0 6px;font-size:14px}table.fields{width:100%}table.fields th{text-align:left;font-weight:normal;color:#51606f;padding:3px 12px 3px 0;vertical-align:top;width:40%}
table.fields th small{display:block;margin-left:0;font-size:11px}table.fields td{padding:3px 0;vertical-align:top;word-break:break-word}small{color:#8492a6;margin-left:4px;font-weight:normal}.muted{color:#8492a6}img.photo{width:118px;height:157px;object-fit:cover;border:1px solid #c9d3e0}
.flash{background:#dff5e3;border:1px solid #9ad3a6;padding:8px 12px;border-radius:4px}.flash.alert{background:#fde2e1;border-color:#e8a09b}.error{color:#a1231b;margin:2px 0}.outcome.approved{color:#17692b}.outcome.rejected{color:#a1231b}
.meta{color:#51606f}.empty{padding:24px;text-align:center;color:#8492a6;background:#fff}
`;

export function renderConsole(page: ConsolePage): string {
  const tabs = (['all', 'pending', 'approved', 'rejected'] as const)
    .map((f) => {
      const label = f === 'all' ? '全部' : STATE_LABELS[f];
      const href = f === 'all' ? '/review' : `/review?state=${f}`;
      return `<a href="${href}"${page.filter === f ? ' class="on" aria-current="page"' : ''}>${label}（${page.counts[f]}）</a>`;
    })
    .join('');
  const rows = page.views
    .map((v) => {
      const id = esc(v.submissionId);
      return `<tr id="${id}"><td><code>${id}</code></td><td>${esc(v.enterprise.name)}</td><td>${esc(v.title)}</td><td>${esc(v.personName) || '<span class="muted">—</span>'}</td><td>${v.revision}</td><td>${esc(chinaDateTime(v.receivedAt))}</td><td><span class="state ${v.state}">${v.stateLabel}</span></td><td>${actionsOf(v, page.error)}</td></tr>
<tr class="detail"><td colspan="8">${detailsOf(v)}</td></tr>`;
    })
    .join('\n');
  const flash =
    (page.flash ? `<p class="flash" role="status">${esc(page.flash)}</p>` : '') +
    (page.alert ? `<p class="flash alert" role="alert">${esc(page.alert)}</p>` : '');
  const body = page.views.length
    ? `<table class="list"><thead><tr><th>提交编号</th><th>用人单位</th><th>申请表</th><th>姓名</th><th>版本</th><th>接收时间</th><th>状态</th><th>操作</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="empty">暂无提交 / No submissions</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>预审审核台 · 沙箱劳动就业管理机构</title><style>${STYLE}</style></head>
<body><header><h1>预审审核台 <small style="color:#dbe6f5">Reviewer console</small></h1><p>沙箱劳动就业管理机构（Permit Desk 测试用）· Sandbox bureau for tests and demos</p></header>
<main>${flash}<nav aria-label="审核状态">${tabs}</nav>${body}</main></body></html>`;
}
