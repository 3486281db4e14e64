import type { Migration } from './migrations';

/** v7 — one store per enterprise */
export const ENTERPRISE_MIGRATIONS: readonly Migration[] = [];
