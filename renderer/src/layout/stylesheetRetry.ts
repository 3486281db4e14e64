/**
 * A page loaded on first use brings its stylesheet, which Vite's loader adds before the page's
 * script runs. When that one request fails (browser mode's loopback host under load; measured
 * once in ~50 page loads while the soak bench ran beside the tests), Vite raises
 * `vite:preloadError` and, left alone, the page never opens and a bare "unexpected error" shows.
 * Here a stylesheet that did not load is asked for again (up to `attempts` times, a moment apart)
 * while the page opens; only when every attempt fails does the user read why the page looks plain.
 * A script that did not load stays an error: the page cannot open without it.
 */
import { ElMessage } from 'element-plus';
import { localize } from '../i18n';
import { TOAST_OFFSET } from './errors';
import { toastTarget } from './announcer';

const CSS_FAILED = /^Unable to preload CSS for (\S+)$/;
export const STYLES_FAILED = '页面样式未能加载，内容仍可使用；请按 F5 刷新 / The page’s styles did not load; it still works. Press F5 to reload';

/** The stylesheet address of a `vite:preloadError`, or null for any other failure. */
export function failedStylesheet(event: Event): string | null {
  const payload = (event as Event & { payload?: unknown }).payload;
  const match = payload instanceof Error ? CSS_FAILED.exec(payload.message) : null;
  return match?.[1] ?? null;
}

export function retryFailedStylesheets(target: Window = window, attempts = 3, pauseMs = 300): void {
  target.addEventListener('vite:preloadError', (event) => {
    const href = failedStylesheet(event);
    if (!href) return;
    event.preventDefault(); // the page opens; its styles follow
    load(target.document, href, attempts, pauseMs);
  });
}

function load(doc: Document, href: string, left: number, pauseMs: number): void {
  for (const failed of Array.from(doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'))) {
    if (failed.href === href) failed.remove();
  }
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.crossOrigin = '';
  link.href = href;
  link.addEventListener('error', () => {
    if (left > 1) setTimeout(() => load(doc, href, left - 1, pauseMs), pauseMs);
    else ElMessage({ type: 'warning', message: localize(STYLES_FAILED), showClose: true, duration: 0, offset: TOAST_OFFSET, appendTo: toastTarget() });
  });
  doc.head.appendChild(link);
}
