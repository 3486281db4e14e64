import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DocumentKind } from '../../../shared/documents/types';

/**
 * How far the user has got through a kind's tips pages in the current pass. A later page (or
 * the number page) can only be reached after every page before it was ticked through; going
 * back to a page forgets the pages after it, so its boxes must be ticked again.
 */
export const useFlowStore = defineStore('flow', () => {
  const passed = ref<Partial<Record<DocumentKind, number>>>({});

  /** number of tips pages of `kind` completed in this pass */
  const passedCount = (kind: DocumentKind): number => passed.value[kind] ?? 0;

  /** entering tips page `step` (1-based): pages from `step` on count as not done */
  function enter(kind: DocumentKind, step: number): void {
    passed.value[kind] = Math.min(passedCount(kind), step - 1);
  }

  /** every box of tips page `step` ticked and 【下一步】 pressed */
  function complete(kind: DocumentKind, step: number): void {
    passed.value[kind] = Math.max(passedCount(kind), step);
  }

  function reset(kind: DocumentKind): void {
    passed.value[kind] = 0;
  }

  return { passed, passedCount, enter, complete, reset };
});
