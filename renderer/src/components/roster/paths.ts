/**
 * Routes of the roster pages (the router declares them; see the roster issue's notes):
 *   /roster              RosterPage   人员名册 (query: q, page)
 *   /roster/new          PersonPage   新增人员 (query: type=foreign|hmt)
 *   /roster/:id          PersonPage
 *   /deadlines           DeadlinesPage 到期提醒
 * and the form pages they open: /records/:kind/new?personId=…[&number=…|&sourceId=…], /records/:kind/:id[/edit].
 */
import type { DocumentKind } from '../../../../shared/documents/types';
import type { RouteLocationRaw } from 'vue-router';

export const ROSTER_PATH = '/roster';
export const DEADLINES_PATH = '/deadlines';
export const newPersonPath = (type: 'foreign' | 'hmt' = 'foreign'): RouteLocationRaw => ({ path: `${ROSTER_PATH}/new`, query: { type } });
export const personPath = (id: string): string => `${ROSTER_PATH}/${encodeURIComponent(id)}`;
export const viewRecordPath = (kind: DocumentKind, id: string): string => `/records/${kind}/${encodeURIComponent(id)}`;
/** 【修改】 of a draft or a rejected application */
export const editRecordPath = (kind: DocumentKind, id: string): string => `${viewRecordPath(kind, id)}/edit`;

/** A new application of `kind` for a person, with the number / source the prefill starts from. */
export function applicationPath(kind: DocumentKind, personId: string | null, query: Readonly<Record<string, string>> = {}): RouteLocationRaw {
  return { path: `/records/${kind}/new`, query: { ...query, ...(personId ? { personId } : {}) } };
}

/** 【申请延期】 of a permit: the number prefill resolves it from the local approved record. */
export function extensionPath(permit: { extensionKind: DocumentKind; number: string; personId: string | null }): RouteLocationRaw {
  return applicationPath(permit.extensionKind, permit.personId, { number: permit.number });
}
