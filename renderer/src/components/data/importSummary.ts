/**
 * The closing line of an import: applications are "份（未提交）" drafts, the roster's rows are
 * people (人员名册 imports people, not applications). Texts are "中文 / English", localized.
 */
import type { ImportResult, TemplateKind } from '../../../../shared/bridge/channels/data';
import { localize, t } from '../../i18n';

export function importSummary(kind: TemplateKind | string, r: ImportResult, invalidRows: number): string {
  if (r.cancelled) return t('data.cancelled');
  if (kind === 'roster') {
    const done = `共 ${r.total} 行，已导入 ${r.imported} 人 / ${r.total} rows: ${r.imported} people imported`;
    if (!invalidRows) return localize(done);
    const [zh, en] = done.split(' / ');
    return localize(`${zh}；${invalidRows} 行有问题，未导入 / ${en}; ${invalidRows} rows with problems were not imported`);
  }
  return invalidRows
    ? t('data.summaryInvalid', { total: r.total, imported: r.imported, invalid: invalidRows })
    : t('data.summary', { total: r.total, imported: r.imported });
}
