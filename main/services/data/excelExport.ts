/**
 * 【导出】: every record of a kind matching the query page's filter (all pages, the list's order)
 * as xlsx: the list columns (序号, 姓名, 证件号码, 提交状态, 审核状态, 同步状态, dates), then every
 * field of the kind in form order.
 */
import ExcelJS from 'exceljs';
import { documentDef } from '../../../shared/documents';
import type { DocumentKind, FieldDef } from '../../../shared/documents/types';
import type { ListFilter } from '../../../shared/bridge/contract';
import { exportTaskLabel } from '../../../shared/bridge/channels/data';
import { reviewState, submitState } from '../../../shared/lifecycle';
import type { Core } from '../index';
import type { RecordRow } from '../records/recordStore';
import type { Task } from '../tasks';
import { countryLabel, plainTitle, sheetName } from './columns';

const PAGE = 500;
const SYNC_TEXT: Record<RecordRow['syncState'], string> = { '': '', pending: '待上传', uploaded: '已上传' };

/** ISO instant → "YYYY-MM-DD HH:mm" in China time ('' for null). */
export function chinaDateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const LIST_COLUMNS: readonly { header: string; width: number; value: (r: RecordRow, n: number) => string | number }[] = [
  { header: '序号', width: 8, value: (_r, n) => n },
  { header: '姓名', width: 22, value: (r) => r.personName },
  { header: '证件号码', width: 20, value: (r) => r.documentNumber },
  { header: '提交状态', width: 10, value: (r) => submitState(r.status) },
  { header: '审核状态', width: 12, value: (r) => reviewState(r.status) },
  { header: '同步状态', width: 10, value: (r) => SYNC_TEXT[r.syncState] },
  { header: '创建时间', width: 18, value: (r) => chinaDateTime(r.createdAt) },
  { header: '修改时间', width: 18, value: (r) => chinaDateTime(r.updatedAt) },
  { header: '提交时间', width: 18, value: (r) => chinaDateTime(r.submittedAt) },
  { header: '预审时间', width: 18, value: (r) => chinaDateTime(r.reviewedAt) },
  { header: '预审意见', width: 30, value: (r) => r.reviewReason ?? '' },
];

function fieldText(field: FieldDef, value: string | undefined): string {
  if (!value) return '';
  if (field.type === 'photo') return '已上传 / uploaded';
  if (field.type === 'country') return countryLabel(value);
  return value;
}

export interface ExportOptions {
  onTask?: (task: Task) => void;
}

export async function exportXlsx(
  core: Core,
  kind: DocumentKind,
  filter: ListFilter,
  options: ExportOptions = {},
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const def = documentDef(kind);
  const store = core.recordStore;
  const first = store.list(kind, filter, 1, PAGE);
  const task = core.tasks.start(exportTaskLabel(def.title), first.total);
  options.onTask?.(task);
  try {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Permit Desk';
    wb.title = def.title;
    const ws = wb.addWorksheet(sheetName(kind), { views: [{ state: 'frozen', ySplit: 1 }] });
    const fields = def.fields;
    ws.columns = [
      ...LIST_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
      ...fields.map((f) => ({ header: f.label, width: Math.min(40, Math.max(12, f.label.length * 2 + 4)) })),
    ];
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } }));

    // read synchronously, page by page: no other call runs in between, so paging cannot skip or
    // repeat a row, and each page's photos are dropped before the next is read
    let n = 0;
    for (let p = 1, page = first; ; p++, page = store.list(kind, filter, p, PAGE)) {
      for (const r of page.rows) {
        n++;
        ws.addRow([...LIST_COLUMNS.map((c) => c.value(r, n)), ...fields.map((f) => fieldText(f, r.values[f.key]))]);
      }
      task.progress(n);
      if (page.rows.length < PAGE) break;
    }
    ws.getColumn(1).alignment = { horizontal: 'left' };
    const buffer = await wb.xlsx.writeBuffer();
    task.finish('done');
    const stamp = chinaDateTime(core.now().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
    return { fileName: `${plainTitle(kind)}-导出-${stamp.slice(0, 8)}-${stamp.slice(8)}.xlsx`, bytes: Buffer.from(buffer as ArrayBuffer), rows: n };
  } catch (e) {
    task.finish('failed');
    throw e;
  }
}
