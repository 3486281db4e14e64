import type { ReviewState, SubmitState } from '../../../../shared/lifecycle';
import { t } from '../../i18n';

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
