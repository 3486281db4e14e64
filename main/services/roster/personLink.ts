/**
 * What a submission does to the roster: the application is linked to its person — the one
 * attached to it, else the person of the same type with the same document number, else a new
 * person — and the person takes the submitted person fields, with a history entry naming what
 * changed and the application it came from.
 *
 * Runs inside RecordService.submit's transaction, before the record is frozen (the database
 * refuses to change the person of a submitted record): a failure here cancels the submission.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import { personChanges, personColumns, personKeysOfKind, personTypeOf, personValuesOf } from '../../../shared/roster/person';
import { PeopleStore } from './peopleStore';

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

/** Links the record to its person and updates the person; returns the person's id. */
export function applySubmissionToPerson(people: PeopleStore, record: SubmittedRecord, at: string): string {
  const type = personTypeOf(record.kind);
  const ref = { id: record.id, revision: record.revision + 1 };
  const attachedId = people.personOfRecord(record.id);
  const attached = attachedId ? people.get(attachedId) : null;
  const columns = personColumns(type, record.values);
  const person = attached && attached.type === type ? attached : people.byNumber(type, columns.documentNumber);

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
export function personOnSubmit(db: Db): (record: SubmittedRecord, at: string) => void {
  let people: PeopleStore | null = null;
  return (record, at) => {
    people ??= new PeopleStore(db);
    applySubmissionToPerson(people, record, at);
  };
}
