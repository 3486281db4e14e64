/** Small display helpers shared by the document pages. */
import type { RecordSummary } from '../../../shared/bridge/contract';
import { reviewDueDate as sharedReviewDueDate } from '../../../shared/calendar/workingDays';
import { beijingDateTime, beijingTime } from '../../../shared/time/beijing';
import { syncStateText, type SyncState } from '../components/form/stateText';

/** ISO timestamp → "YYYY-MM-DD HH:mm" in Beijing time, the bureau's ('' stays ''; unparsable text as it is). */
export function formatDateTime(iso: string | null | undefined): string {
  return beijingDateTime(iso) ?? String(iso);
}

/** "HH:mm:ss" in Beijing time. */
export function formatTime(d: Date): string {
  return beijingTime(d);
}

/** The day a pre-review result is due: 5 working days on the Chinese holiday calendar (manual: "5个工作日后"). */
export function reviewDueDate(submittedAt: string | null | undefined): string {
  if (!submittedAt) return '';
  try {
    return sharedReviewDueDate(submittedAt);
  } catch {
    return '';
  }
}

/** 同步状态: 待上传, 已上传, 上传被拒：单位不符, or a dash before the first submission (stateText.ts). */
export function syncLabel(state: RecordSummary['syncState'] | SyncState): string {
  return syncStateText(state);
}
