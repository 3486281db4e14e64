/**
 * Paths of the record pages (the router declares the same shapes):
 *   /records/:kind/new          FormPage, new (query: number, sourceId)
 *   /records/:kind/:id/edit     FormPage, edit
 *   /records/:kind/:id          ViewPage (query: print=1 | notice)
 */
import type { DocumentKind } from '../../../shared/documents/types';

export const newRecordPath = (kind: DocumentKind): string => `/records/${kind}/new`;
export const viewRecordPath = (kind: DocumentKind, id: string): string => `/records/${kind}/${encodeURIComponent(id)}`;
export const editRecordPath = (kind: DocumentKind, id: string): string => `/records/${kind}/${encodeURIComponent(id)}/edit`;
/** the number page of a kind that starts from a certificate / permit number */
export const numberPagePath = (kind: DocumentKind): string => `/flow/${kind}/number`;

/** a route query value as one string ('' when absent) */
export function queryString(value: unknown): string {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}
