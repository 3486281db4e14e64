/**
 * 【打印】 from anywhere: `const { openPrint } = usePrint();` in a component's setup, then
 * `openPrint(record.id, 'form')` (the document itself) or `openPrint(record.id, 'notice')`
 * (《网上办理通知书》, approved records only). It opens the PDF preview dialog (PrintPreview.vue)
 * with 【打印】, 【另存为PDF】 and 【关闭】; nothing needs to be placed in the page's template.
 */
import { defineAsyncComponent, getCurrentInstance, h, render, type AppContext } from 'vue';
import type { Printable } from '../../../../shared/bridge/contract';

/** Loaded on the first 【打印】: pdf.js stays out of the app's first bundle. */
const PrintPreview = defineAsyncComponent(() => import('../../pages/print/PrintPreview.vue'));

export type { Printable };

let host: HTMLElement | null = null;
let sequence = 0;

function close(): void {
  if (host) render(null, host);
}

/** Mounts (or replaces) the one preview dialog, in the calling app's context (Element Plus, locale). */
function mountPreview(appContext: AppContext | null, id: string, document: Printable, ids?: readonly string[]): void {
  if (!host) {
    host = window.document.createElement('div');
    host.className = 'pd-print-host';
    window.document.body.appendChild(host);
  }
  const vnode = h(PrintPreview, { key: ++sequence, id, document, ids, onClosed: close });
  vnode.appContext = appContext;
  render(vnode, host);
}

export function usePrint(): {
  openPrint: (id: string, document?: Printable) => void;
  /** 【批量打印】: the forms of up to 50 records as one PDF */
  openBatch: (ids: readonly string[]) => void;
  closePrint: () => void;
} {
  const appContext = getCurrentInstance()?.appContext ?? null;
  return {
    openPrint: (id, document = 'form') => mountPreview(appContext, id, document),
    openBatch: (ids) => mountPreview(appContext, ids[0] ?? '', 'form', ids),
    closePrint: close,
  };
}
