/**
 * The aria-live region of save, submit, delete and sync outcomes: AppLayout renders it, and the
 * toasts of those outcomes are placed inside it, so a screen reader hears the very text the
 * eyes see (once: no second, hidden copy). Elsewhere (the login page) toasts go to the body.
 */
export const LIVE_REGION_ID = 'pd-live';

/** where a toast goes: the live region when the signed-in layout shows it */
export function toastTarget(): HTMLElement | undefined {
  return (typeof document === 'undefined' ? null : document.getElementById(LIVE_REGION_ID)) ?? undefined;
}
