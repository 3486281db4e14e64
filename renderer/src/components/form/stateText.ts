import type { ReviewState, SubmitState } from '../../../../shared/lifecycle';
import { isEnglish, t } from '../../i18n';

const KEYS = {
  未提交: 'status.draft',
  已提交: 'status.submitted',
  待预审: 'status.pending',
  预审通过: 'status.approved',
  预审不通过: 'status.rejected',
} as const satisfies Record<Exclude<SubmitState | ReviewState, ''>, string>;

/** 提交状态 / 审核状态 (the lifecycle's Chinese words, also the filters' values) in the interface's language. */
export function stateText(state: SubmitState | ReviewState): string {
  return state ? t(KEYS[state]) : '';
}

/**
 * 同步状态 of a record: '' before the first submission, pending (待上传), uploaded (已上传), or
 * refused — the bureau refused the upload for good because the application names another
 * employer than the signed-in enterprise (403 …/employer-mismatch); it is not retried.
 */
export type SyncState = '' | 'pending' | 'uploaded' | 'refused';

/** 同步状态 in the interface's language; a dash before the first submission. */
export function syncStateText(state: SyncState): string {
  if (state === '') return '—';
  if (state === 'refused') return isEnglish() ? 'Upload refused: employer mismatch' : '上传被拒：单位不符';
  return t(`sync.${state}`);
}
