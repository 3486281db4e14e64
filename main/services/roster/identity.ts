/**
 * Who a set of person values is in the roster. A person is matched on the document number AND
 * the name or the birth date (shared/roster/person.ts identityScore): the number alone never
 * makes two people one. When the number belongs to someone else entirely, the user decides
 * (same person, or a different person with the same number); until then nothing is merged.
 */
import { ServiceError } from '../../../shared/bridge/envelope';
import type { FormValues } from '../../../shared/documents/types';
import {
  conflictFields,
  conflictMessage,
  identityScore,
  personColumns,
  type ConflictCandidate,
  type PersonChoice,
  type PersonType,
} from '../../../shared/roster/person';
import type { PeopleStore, PersonRow } from './peopleStore';

export type PersonMatch =
  /** nobody of this type holds the document number (or there is none) */
  | { kind: 'none' }
  /** the holder of the number with the same name or birth date (both beat one; then the most recent) */
  | { kind: 'match'; person: PersonRow }
  /** the number is held, but by people with another name and another birth date (or another document type) */
  | { kind: 'conflict'; candidate: PersonRow; holders: PersonRow[] };

export function matchPerson(people: PeopleStore, type: PersonType, values: FormValues, exceptId: string | null = null): PersonMatch {
  const holders = people.holders(type, personColumns(type, values).documentNumber, exceptId);
  const first = holders[0];
  if (!first) return { kind: 'none' };
  let best: PersonRow | null = null;
  let bestScore = 0;
  for (const p of holders) {
    const score = identityScore(type, p.values, values);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best ? { kind: 'match', person: best } : { kind: 'conflict', candidate: first, holders };
}

/** The user's answer to a CONFLICT: 'same' may name the person they confirmed (personId). */
export interface ConflictChoice {
  person: PersonChoice;
  personId?: string;
}

export const candidateOf = (p: PersonRow): ConflictCandidate => ({
  id: p.id,
  name: p.name,
  birthDate: p.birthDate,
  documentNumber: p.documentNumber,
});

/**
 * The refusal that asks the user: "证件号码 … 已属于人员名册中的 …。这是同一人吗？" (`attached`: the
 * application was linked to the candidate, who has another name and birth date).
 */
export function conflictError(type: PersonType, candidate: PersonRow, attached = false): ServiceError {
  const c = candidateOf(candidate);
  return new ServiceError('CONFLICT', conflictMessage(c, attached), conflictFields(type, c, attached));
}

/**
 * The person a 'same' answer updates: the one named by personId (who must be among `allowed`),
 * else the candidate the refusal named.
 */
export function chosenPerson(choice: ConflictChoice, candidate: PersonRow, allowed: readonly PersonRow[]): PersonRow {
  if (!choice.personId || choice.personId === candidate.id) return candidate;
  const named = allowed.find((p) => p.id === choice.personId);
  if (!named) {
    throw new ServiceError(
      'INVALID_INPUT',
      '所选人员不是持有该证件号码的人员，未作任何更改，请重新提交 / The person chosen does not hold this document number; nothing was changed, submit again',
    );
  }
  return named;
}
