/**
 * What a submission does to the roster: the application is linked to its person — the one
 * attached to it, else the person of the same type with the same document number and the same
 * name or birth date, else a new person — and the person takes the submitted person fields,
 * with a history entry naming what changed and the application it came from.
 *
 * Nothing is merged on the number alone: when the number is held only by people with another
 * name and another birth date (or the attached person has another name and birth date), the
 * submission is refused with CONFLICT naming that person, until the user answers 'same' (update
 * them, with history) or 'new' (a new person with the same number).
 *
 * Runs inside RecordService.submit's transaction, before the record is frozen (the database
 * refuses to change the person of a submitted record): a failure here cancels the submission.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import { identityScore, personChanges, personColumns, personKeysOfKind, personTypeOf, personValuesOf, type PersonType } from '../../../shared/roster/person';
import { PeopleStore, type PersonRow } from './peopleStore';
import { chosenPerson, conflictError, matchPerson, type ConflictChoice } from './identity';

export interface SubmittedRecord {
  id: string;
  kind: DocumentKind;
  /** the revision before this submission (the new one is revision + 1) */
  revision: number;
  values: FormValues;
}

export const ACTION_CREATED_FROM_APPLICATION = '由申请创建';
export const ACTION_UPDATED_BY_SUBMISSION = '提交申请时更新';
export const ACTION_LINKED = '关联申请';

/**
 * The person a submission belongs to, or null for a new one. Throws CONFLICT when the user must
 * choose and has not (`choice`), INVALID_INPUT when 'same' names someone not in question.
 */
function personOfSubmission(people: PeopleStore, type: PersonType, record: SubmittedRecord, choice: ConflictChoice | undefined): PersonRow | null {
  const attachedId = people.personOfRecord(record.id);
  const attached = attachedId ? people.get(attachedId) : null;
  if (attached && attached.type === type) {
    // linked by the user (people:attach, or started from the person): theirs unless it names someone else
    if (identityScore(type, attached.values, record.values) > 0) return attached;
    if (!choice) throw conflictError(type, attached, true);
    if (choice.person === 'same') return chosenPerson(choice, attached, []);
    // a different person: who the number and name say, or a new one; never the attached one
    const m = matchPerson(people, type, record.values, attached.id);
    return m.kind === 'match' ? m.person : null;
  }
  const m = matchPerson(people, type, record.values);
  if (m.kind === 'none') return null;
  if (m.kind === 'match') return m.person;
  if (!choice) throw conflictError(type, m.candidate);
  return choice.person === 'same' ? chosenPerson(choice, m.candidate, m.holders) : null;
}

/**
 * Links the record to its person and updates the person; returns the person's id. `choice` is
 * the user's answer to an earlier CONFLICT refusal.
 */
export function applySubmissionToPerson(people: PeopleStore, record: SubmittedRecord, at: string, choice?: ConflictChoice): string {
  const type = personTypeOf(record.kind);
  const ref = { id: record.id, revision: record.revision + 1 };
  const attachedId = people.personOfRecord(record.id);
  const person = personOfSubmission(people, type, record, choice);

  if (!person) {
    const values = personValuesOf(type, record.values);
    const id = randomUUID();
    people.insert({ id, type, ...personColumns(type, values), values, createdAt: at, updatedAt: at });
    people.addHistory(id, at, ACTION_CREATED_FROM_APPLICATION, personChanges(type, {}, values), ref);
    people.link(record.id, id);
    return id;
  }

  // the person fields of this kind become what was submitted (cleared ones are cleared)
  const next: FormValues = { ...person.values };
  for (const key of personKeysOfKind(record.kind)) {
    const v = record.values[key];
    if (typeof v === 'string' && v.trim() !== '') next[key] = v;
    else delete next[key];
  }
  const changes = personChanges(type, person.values, next);
  if (changes.length > 0) {
    people.update({ ...person, ...personColumns(type, next), values: next, updatedAt: at });
    people.addHistory(person.id, at, ACTION_UPDATED_BY_SUBMISSION, changes, ref);
  } else if (attachedId !== person.id) {
    people.addHistory(person.id, at, ACTION_LINKED, [], ref);
  }
  if (attachedId !== person.id) people.link(record.id, person.id);
  return person.id;
}

/** RecordService's default submit hook: the roster over the same database. */
export function personOnSubmit(db: Db): (record: SubmittedRecord, at: string, choice?: ConflictChoice) => void {
  let people: PeopleStore | null = null;
  return (record, at, choice) => {
    people ??= new PeopleStore(db);
    applySubmissionToPerson(people, record, at, choice);
  };
}
