/**
 * The one place a record is printed from a query page. For now it opens the view page in print
 * mode (the view page calls window.print() once the record is shown); the printing issue
 * replaces this function with the real PDF preview / printer path.
 */
import type { Router } from 'vue-router';
import type { DocumentKind } from '../../../shared/documents/types';
import { viewRecordPath } from './recordRoutes';

export type PrintTarget = 'form' | 'notice';

export function printHref(router: Router, kind: DocumentKind, id: string, what: PrintTarget = 'form'): string {
  return router.resolve({ path: viewRecordPath(kind, id), query: { print: what === 'form' ? '1' : 'notice' } }).href;
}

export function printDocument(router: Router, kind: DocumentKind, id: string, what: PrintTarget = 'form'): void {
  void router.push({ path: viewRecordPath(kind, id), query: { print: what === 'form' ? '1' : 'notice' } });
}
