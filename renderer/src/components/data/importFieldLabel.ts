import type { ImportProblem } from '../../../../shared/bridge/channels/data';
import { DOCUMENTS } from '../../../../shared/documents';
import { DOCUMENT_KINDS } from '../../../../shared/documents/types';
import { isEnglish } from '../../i18n';

/** The column of an import problem: the template's (Chinese) header, or the field's English label. */
export function importFieldLabel(problem: ImportProblem): string {
  if (!isEnglish() || !problem.field) return problem.label;
  for (const kind of DOCUMENT_KINDS) {
    const field = DOCUMENTS[kind].field(problem.field);
    if (field) return field.labelEn;
  }
  return problem.label;
}
