/** Small display helpers shared by the document pages. */
import type { RecordSummary } from '../../../shared/bridge/contract';
import { reviewDueDate as sharedReviewDueDate } from '../../../shared/calendar/workingDays';
import { t } from '../i18n';

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO timestamp → "YYYY-MM-DD HH:mm" in local time ('' stays ''; unparsable text as it is). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
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

/** 同步状态: 待上传, 已上传, or a dash before the first submission. */
export function syncLabel(state: RecordSummary['syncState']): string {
  return state === '' ? '—' : t(`sync.${state}`);
}
