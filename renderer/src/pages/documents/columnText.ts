import {
  EDIT_COLUMN,
  NOTICE_COLUMN,
  REGISTRATION_COLUMN,
  REVIEW_STATE_COLUMN,
  SUBMIT_COLUMN,
  SUBMIT_STATE_COLUMN,
  VIEW_COLUMN,
} from '../../../../shared/documents';
import type { DocumentKind } from '../../../../shared/documents/types';
import { t, type MessageKey } from '../../i18n';

const KEYS: Readonly<Record<string, MessageKey>> = {
  [SUBMIT_STATE_COLUMN]: 'columns.submitState',
  [REVIEW_STATE_COLUMN]: 'columns.reviewState',
  [VIEW_COLUMN]: 'columns.view',
  [EDIT_COLUMN]: 'columns.edit',
  [SUBMIT_COLUMN]: 'columns.submit',
  [NOTICE_COLUMN]: 'columns.notice',
  [REGISTRATION_COLUMN]: 'columns.registration',
};

/** A query page's column header (shared/documents queryPage) in the interface's language; the rest is the kind's print column. */
export function columnText(column: string, kind: DocumentKind): string {
  const key = KEYS[column];
  return key ? t(key) : t(`printColumn.${kind}`);
}
