/**
 * A CONFLICT refusal of records:submit or people:save: the document number belongs to someone
 * in the roster with another name and birth date, and the user must say whether this is the
 * same person (update them) or a different one (add a person with the same number).
 */
import { conflictCandidate, type ConflictCandidate, type PersonChoice } from '../../../../shared/roster/person';
import { BridgeError } from '../../bridge';
import { isEnglish } from '../../i18n';

export interface PersonConflict {
  candidate: ConflictCandidate;
  /** "证件号码 … 已属于人员名册中的 …。这是同一人吗？ / …" */
  message: string;
}

/** The conflict a thrown value carries, or null when it is another error. */
export function personConflictOf(e: unknown): PersonConflict | null {
  if (!(e instanceof BridgeError) || e.code !== 'CONFLICT') return null;
  const candidate = conflictCandidate(e.fields);
  return candidate ? { candidate, message: e.message } : null;
}

/** What the user answered, as the bridge request takes it. */
export const choiceRequest = (choice: PersonChoice, conflict: PersonConflict): { person: PersonChoice; personId?: string } =>
  choice === 'same' ? { person: 'same', personId: conflict.candidate.id } : { person: 'new' };

/** The dialog's texts (button labels as the issue names them), in the interface's language. */
export function conflictTexts(conflict: PersonConflict): { title: string; same: string; new: string; sameHint: string; newHint: string } {
  const name = conflict.candidate.name;
  if (isEnglish()) {
    return {
      title: 'The document number is in the roster already',
      same: 'Same person, update',
      new: 'Different person, add new',
      sameHint: `Same person: ${name} takes the details entered here; what changed is kept in the person's history.`,
      newHint: `Different person: a new person is added to the roster with the same document number; ${name} stays as is.`,
    };
  }
  return {
    title: '证件号码已在人员名册中',
    same: '同一人，更新信息',
    new: '不同人员，新建',
    sameHint: `同一人：用本次填写的信息更新 ${name}，变更记入该人员的历史。`,
    newHint: `不同人员：在人员名册中新建一人，证件号码相同；${name} 不变。`,
  };
}
