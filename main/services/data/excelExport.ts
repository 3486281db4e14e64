/**
 * 【导出】: every record of a kind matching the query page's filter (all pages, the list's order)
 * as xlsx: the list columns (序号, 姓名, 证件号码, 提交状态, 审核状态, 同步状态, dates), then every
 * field of the kind in form order.
 */
import { documentDef } from '../../../shared/documents';
import type { DocumentKind, FieldDef } from '../../../shared/documents/types';
import type { ListFilter } from '../../../shared/bridge/contract';
import { exportTaskLabel } from '../../../shared/bridge/channels/data';
import { reviewState, submitState } from '../../../shared/lifecycle';
import type { Core } from '../index';
import type { RecordRow } from '../records/recordStore';
import type { Task } from '../tasks';
import { countryLabel, plainTitle, sheetName } from './columns';
import { writeXlsxStreamed } from './xlsxWriter';

const PAGE = 500;
const SYNC_TEXT: Record<RecordRow['syncState'], string> = { '': '', pending: '待上传', uploaded: '已上传', refused: '上传被拒' };

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
  // not 已上传, which on these pages means sent to the bureau
  if (field.type === 'photo') return '已附照片（见本系统） / photo attached (in the desk)';
  if (field.type === 'attachment') return '已附（见本系统） / attached (in the desk)';
  if (field.type === 'country') return countryLabel(value);
  return value;
}

export interface ExportOptions {
  onTask?: (task: Task) => void;
}

/**
 * Writes every record of `kind` matching `filter` to `destPath` as xlsx, streamed. The matching
 * records are fixed when the export starts (their ids, in the list's order); each is then read
 * and written in turn, with a yield to the event loop between pages so that the file is written
 * while rows are produced — a record deleted meanwhile is left out, one changed meanwhile is
 * written as it is now.
 */
export async function exportXlsx(
  core: Core,
  kind: DocumentKind,
  filter: ListFilter,
  destPath: string,
  options: ExportOptions = {},
): Promise<{ fileName: string; sizeBytes: number }> {
  const def = documentDef(kind);
  const store = core.recordStore;
  // ids only: read synchronously, so that no other call runs in between and paging cannot skip
  // or repeat a record
  const ids: string[] = [];
  for (let p = 1; ; p++) {
    const page = store.list(kind, filter, p, PAGE);
    for (const r of page.rows) ids.push(r.id);
    if (page.rows.length < PAGE) break;
  }
  const task = core.tasks.start(exportTaskLabel(def.title), ids.length);
  options.onTask?.(task);
  try {
    const fields = def.fields;
    const sizeBytes = await writeXlsxStreamed(destPath, { title: def.title }, async (book) => {
      const sheet = book.sheet(sheetName(kind), [
        ...LIST_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
        ...fields.map((f) => ({ header: f.label, width: Math.min(40, Math.max(12, f.label.length * 2 + 4)) })),
      ]);
      let n = 0;
      for (const [i, id] of ids.entries()) {
        const r = store.get(id);
        if (r) {
          n++;
          sheet.add([...LIST_COLUMNS.map((c) => c.value(r, n)), ...fields.map((f) => fieldText(f, r.values[f.key]))]);
        }
        if ((i + 1) % PAGE === 0) {
          task.progress(i + 1);
          await sheet.catchUp();
        }
      }
      task.progress(ids.length);
      sheet.done();
    });
    task.finish('done');
    const stamp = chinaDateTime(core.now().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
    return { fileName: `${plainTitle(kind)}-导出-${stamp.slice(0, 8)}-${stamp.slice(8)}.xlsx`, sizeBytes };
  } catch (e) {
    task.finish('failed');
    throw e;
  }
}
