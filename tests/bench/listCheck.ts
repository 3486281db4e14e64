/**
 * A guard for the timed `records:list`: its pages and totals must equal a plain query
 * (COUNT(*), ORDER BY … LIMIT/OFFSET) on the same data, so a fast answer is also a right one.
 */
import type { Db } from '../../main/services/store/database';
import type { ListFilter } from '../../shared/bridge/contract';
import type { DocumentKind } from '../../shared/documents/types';

type List = (filter: ListFilter, page: number) => Promise<{ rows: { id: string }[]; total: number }>;

const REVIEW = { 待预审: 'submitted', 预审通过: 'approved', 预审不通过: 'rejected' } as const;

/** The ids matching `filter`, newest first, by the obvious SQL. */
function plainIds(db: Db, kind: DocumentKind, filter: ListFilter): string[] {
  const where = ['kind = ?'];
  const params: string[] = [kind];
  const like = (s: string) => `%${s.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const add = (clause: string, param?: string) => {
    where.push(clause);
    if (param !== undefined) params.push(param);
  };
  // the 姓名 box: any part of the Latin or Chinese name or of the document number, case-insensitive
  if (filter.name?.trim()) {
    where.push(
      `(person_name LIKE ? ESCAPE '\\' OR COALESCE(json_extract(values_json, '$."person.nameZh"'), '') LIKE ? ESCAPE '\\'
        OR COALESCE(json_extract(values_json, '$."hmt.name"'), '') LIKE ? ESCAPE '\\' OR document_number LIKE ? ESCAPE '\\')`,
    );
    params.push(like(filter.name), like(filter.name), like(filter.name), like(filter.name));
  }
  if (filter.documentNumber?.trim()) add("document_number LIKE ? ESCAPE '\\'", like(filter.documentNumber.toUpperCase()));
  if (filter.submitState === '未提交') add("status = 'draft'");
  if (filter.submitState === '已提交') add("status <> 'draft'");
  if (filter.reviewState) add('status = ?', REVIEW[filter.reviewState]);
  if (filter.from) add('submitted_at >= ?', filter.from);
  if (filter.to) add('submitted_at < ?', `${filter.to}\uffff`);
  const rows = db.prepare(`SELECT id FROM records WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC`).all(...params) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Throws unless the first, a middle and the last page (and the totals) match the plain query. */
export async function checkList(db: Db, kind: DocumentKind, pageSize: number, filters: readonly ListFilter[], list: List): Promise<number> {
  let pages = 0;
  for (const filter of filters) {
    const ids = plainIds(db, kind, filter);
    const last = Math.max(1, Math.ceil(ids.length / pageSize));
    for (const page of new Set([1, 2, Math.ceil(last / 2), last - 1, last, last + 1].filter((p) => p >= 1))) {
      const got = await list(filter, page);
      const want = ids.slice((page - 1) * pageSize, page * pageSize);
      if (got.total !== ids.length || got.rows.map((r) => r.id).join() !== want.join()) {
        throw new Error(`records:list ${JSON.stringify(filter)} page ${page}: ${got.total} total / ${got.rows.length} rows, expected ${ids.length} / ${want.length} (or other ids)`);
      }
      pages++;
    }
  }
  return pages;
}
