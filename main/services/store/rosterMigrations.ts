import type { Migration } from './migrations';

/**
 * v6 — roster identity: document number plus name or birth date. No schema change is needed:
 * people_by_number (type, document_number) finds everyone holding a number and never required it
 * to be unique, so two people may share one (roster/identity.ts decides who is who). People merged
 * on the number alone before this version cannot be told apart again and are kept as they are.
 */
export const ROSTER_MIGRATIONS: readonly Migration[] = [];
