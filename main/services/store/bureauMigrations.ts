import type { Migration } from './migrations';

/** v5 — permits listed by the bureau, uploads the bureau refused */
export const BUREAU_MIGRATIONS: readonly Migration[] = [];
