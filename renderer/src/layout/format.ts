import { beijingDateTime } from '../../../shared/time/beijing';

/** "2025-03-04 09:05" in Beijing time from an ISO timestamp; '' for null or garbage. */
export function formatDateTime(iso: string | null | undefined): string {
  return beijingDateTime(iso) ?? '';
}
