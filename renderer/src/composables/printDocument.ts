/**
 * The one place a record is printed from: the PDF preview (pdf.js) with 【打印】 to a chosen
 * printer and 【另存为PDF】. `usePrint()` must be called in a component's setup.
 */
import type { Router } from 'vue-router';
import type { DocumentKind } from '../../../shared/documents/types';
import { usePrint } from '../components/print/usePrint';
import { viewRecordPath } from './recordRoutes';

export type PrintTarget = 'form' | 'notice';

/** the link's href (for a middle-click or a screen reader): the record's view page */
export function printHref(router: Router, kind: DocumentKind, id: string): string {
  return router.resolve({ path: viewRecordPath(kind, id) }).href;
}

export function usePrintDocument(): (id: string, what: PrintTarget) => void {
  const { openPrint } = usePrint();
  return (id, what) => void openPrint(id, what);
}
