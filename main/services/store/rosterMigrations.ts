import type { Migration } from './migrations';

/** v6 — roster identity: document number plus name or birth date */
export const ROSTER_MIGRATIONS: readonly Migration[] = [];
