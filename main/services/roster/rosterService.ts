/**
 * The people roster: list and search, a person's page (applications, current permit, history,
 * what to apply for next), editing a person, starting an application from a person (prefill
 * chains), and linking a draft application to a person.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { NextStep, PersonDetail, PersonDocument, PersonSummary } from '../../../shared/bridge/channels/roster';
import { ServiceError } from '../../../shared/bridge/envelope';
import { reviewDue } from '../../../shared/calendar/workingDays';
import { canPrefill, documentDef, maxLengthOf, prefillFrom, RENEWAL_KINDS } from '../../../shared/documents';
import type { DocumentKind, FormValues, RuleContext } from '../../../shared/documents/types';
import { canEdit } from '../../../shared/lifecycle';
import {
  NAME_KEYS,
  NUMBER_KEY,
  PERSON_TYPE_LABELS,
  personChanges,
  personColumns,
  personFields,
  personKeysOfKind,
  personProblems,
  personTypeOf,
  type PersonChoice,
  type PersonType,
} from '../../../shared/roster/person';
import type { Core } from '../index';
import type { Db } from '../store/database';
import type { RecordService } from '../records/recordService';
import { PeopleStore, type DocumentRow, type PersonRow } from './peopleStore';
import { allPermits, currentPermitOf } from './permits';
import type { BureauPermitRow } from './bureauPermits';
import { ACTION_LINKED } from './personLink';
import { chosenPerson, conflictError, matchPerson } from './identity';
import { getThresholds } from './deadlines';
import type { MetaStore } from '../store/meta';

const stores = new WeakMap<Db, PeopleStore>();

/** The roster's store over the core's current database (one per database). */
export function peopleOf(core: Pick<Core, 'db'>): PeopleStore {
  let s = stores.get(core.db);
  if (!s) {
    s = new PeopleStore(core.db);
    stores.set(core.db, s);
  }
  return s;
}

export interface RosterDeps {
  people: PeopleStore;
  records: RecordService;
  meta: MetaStore;
  now: () => Date;
  today: () => string;
  context: () => RuleContext;
  /** the permits the bureau listed for this enterprise (to 到期提醒 and the person's page like local ones) */
  bureau?: () => BureauPermitRow[];
}

const notFound = (id: string) => new ServiceError('NOT_FOUND', `名册中没有该人员 / No person with id ${id} in the roster`);

const valuesSchema = (type: PersonType) => {
  const shape: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const f of personFields(type)) shape[f.key] = z.string().max(maxLengthOf(f)).optional();
  return z.strictObject(shape);
};

export class RosterService {
  constructor(private readonly deps: RosterDeps) {}

  private get people(): PeopleStore {
    return this.deps.people;
  }

  private mustGet(id: string): PersonRow {
    const p = this.people.get(id);
    if (!p) throw notFound(id);
    return p;
  }

  private permits() {
    return allPermits(this.people, this.deps.today(), getThresholds(this.deps.meta), this.deps.bureau?.() ?? []);
  }

  private summary(p: PersonRow, counts: Map<string, number>, permits: ReturnType<RosterService['permits']>): PersonSummary {
    return {
      id: p.id,
      type: p.type,
      name: p.name,
      nameZh: p.nameZh,
      documentNumber: p.documentNumber,
      nationality: p.nationality,
      birthDate: p.birthDate,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      documentCount: counts.get(p.id) ?? 0,
      permit: currentPermitOf(permits, p.id),
      source: p.source,
    };
  }

  list(query: string, type: PersonType | undefined, page: number, pageSize: number) {
    const { rows, total } = this.people.list(query, type, page, pageSize);
    const counts = this.people.documentCounts(rows.map((r) => r.id));
    const permits = this.permits();
    return { rows: rows.map((r) => this.summary(r, counts, permits)), total, page, pageSize };
  }

  ofRecord(recordId: string): { person: PersonSummary | null } {
    if (!this.people.document(recordId)) throw new ServiceError('NOT_FOUND', `找不到该申请记录 / No application with id ${recordId}`);
    const id = this.people.personOfRecord(recordId);
    const p = id ? this.people.get(id) : null;
    if (!p) return { person: null };
    return { person: this.summary(p, this.people.documentCounts([p.id]), this.permits()) };
  }

  private document(r: DocumentRow): PersonDocument {
    const due = r.status === 'submitted' && r.submittedAt ? reviewDue(r.submittedAt) : null;
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      revision: r.revision,
      personName: r.personName,
      documentNumber: r.documentNumber,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      submittedAt: r.submittedAt,
      reviewedAt: r.reviewedAt,
      certificateNo: r.certificateNo,
      certificateExpiry: r.certificateExpiry,
      dueDate: due?.dueDate ?? null,
      beyondCalendar: due?.beyondCalendar ?? false,
    };
  }

  get(id: string): PersonDetail {
    const p = this.mustGet(id);
    const docs = this.people.documents(id);
    const permits = this.permits();
    const permit = currentPermitOf(permits, id);
    return {
      person: { ...this.summary(p, new Map([[id, docs.length]]), permits), values: p.values },
      documents: docs.map((d) => this.document(d)),
      permit,
      history: this.people.history(id),
      problems: personProblems(p.type, p.values, this.deps.context()),
      nextSteps: this.nextSteps(p, docs, permit),
    };
  }

  /** What can be applied for from this person, and from which approved document. */
  private nextSteps(p: PersonRow, docs: DocumentRow[], permit: ReturnType<typeof currentPermitOf>): NextStep[] {
    const steps: NextStep[] = [];
    if (p.type === 'foreign') {
      steps.push({ kind: 'license', label: '外国人就业许可证书申请', query: {}, note: '' });
      steps.push({ kind: 'recruitment', label: '填写《聘用外国人就业申请表》', query: {}, note: '免办就业许可证书 / Exempt from the license' });
      for (const lic of this.openLicenses(docs)) {
        const number = lic.certificateNo ?? '';
        steps.push({
          kind: 'registration-licensed',
          label: '填写《外国人就业登记表》',
          query: { number },
          note: `就业许可证书 ${number} 已预审通过 / License ${number} approved`,
        });
      }
      for (const rec of this.openRecruitments(docs)) {
        steps.push({
          kind: 'registration-exempt',
          label: '填写《外国人就业登记表》',
          query: { sourceId: rec.id },
          note: '《聘用外国人就业申请表》已预审通过 / Recruitment application approved',
        });
      }
      // today's 外国人来华工作许可: a new application starts from the person's data (and old 就业证)
      steps.push({ kind: 'wp-notice', label: '工作许可通知申请', query: {}, note: '外国人来华工作许可 / Work permit (since 2017)' });
      for (const n of this.openWorkPermitNotices(docs)) {
        const number = n.certificateNo ?? '';
        steps.push({
          kind: 'wp-permit',
          label: '工作许可证申请',
          query: { number },
          note: `工作许可通知 ${number} 已预审通过 / Work permit notice ${number} approved`,
        });
      }
    } else {
      steps.push({ kind: 'hmt-permit', label: '台港澳人员就业证申请', query: {}, note: '' });
    }
    if (permit && personTypeOf(permit.extensionKind) === p.type) {
      steps.push({
        kind: permit.extensionKind,
        label: '申请延期',
        query: { number: permit.number },
        note: `就业证 ${permit.number} 有效期至 ${permit.expiry} / Permit valid until ${permit.expiry}`,
      });
    }
    return steps;
  }

  /** Approved 工作许可通知 of the person no 工作许可证 application was written from yet. */
  private openWorkPermitNotices(docs: DocumentRow[]): DocumentRow[] {
    // basedOnNumber is the 通知 number a 工作许可证 application names (peopleStore's DOCUMENT_SELECT)
    const used = new Set(docs.filter((d) => d.kind === 'wp-permit').map((d) => d.basedOnNumber));
    return docs.filter((d) => d.kind === 'wp-notice' && d.status === 'approved' && d.certificateNo && !used.has(d.certificateNo));
  }

  /** Approved licenses of the person no licensed registration was written from yet. */
  private openLicenses(docs: DocumentRow[]): DocumentRow[] {
    const used = new Set(docs.filter((d) => d.kind === 'registration-licensed').map((d) => d.basedOnNumber));
    return docs.filter((d) => d.kind === 'license' && d.status === 'approved' && d.certificateNo && !used.has(d.certificateNo));
  }

  /** Approved recruitment applications of the person without their exempt registration. */
  private openRecruitments(docs: DocumentRow[]): DocumentRow[] {
    return docs.filter((d) => d.kind === 'recruitment' && d.status === 'approved' && !d.hasRegistration);
  }

  /**
   * Creates or edits a person. A new person whose document number is held by someone with another
   * name and another birth date is refused with CONFLICT until `person` says 'same' (update that
   * person — `personId`, else the one the refusal named) or 'new' (a second person with the number).
   * Someone already in the roster (same number and name or birth date) is never entered twice.
   */
  save(input: { id?: string; type: PersonType; values: FormValues; person?: PersonChoice; personId?: string }): PersonDetail {
    const parsed = valuesSchema(input.type).safeParse(input.values);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join('.');
        fields[key || ''] =
          issue.code === 'unrecognized_keys'
            ? `${PERSON_TYPE_LABELS[input.type]}没有这些字段：${issue.keys.join('、')} / Unknown fields for this person type: ${issue.keys.join(', ')}`
            : `「${key}」的值不正确：${issue.message} / The value of "${key}" is invalid: ${issue.message}`;
      }
      throw new ServiceError('INVALID_INPUT', '人员信息格式不正确，未保存 / The person data is malformed and was not saved', fields);
    }
    const values: FormValues = {};
    for (const [k, v] of Object.entries(parsed.data)) if (typeof v === 'string' && v.trim() !== '') values[k] = v;
    const columns = personColumns(input.type, values);
    const nameKey = NAME_KEYS[input.type][0] ?? '';
    if (!columns.name) {
      throw new ServiceError('INVALID_INPUT', '请填写姓名 / Please fill in the name', {
        [nameKey]: '请填写姓名后再保存 / Fill in the name before saving',
      });
    }

    return this.people.transaction(() => {
      const before = input.id ? this.mustGet(input.id) : null;
      if (before && before.type !== input.type) {
        throw new ServiceError('INVALID_INPUT', '不能更改人员类别 / The type of a person cannot be changed', { type: '不能更改人员类别 / cannot be changed' });
      }
      const match = matchPerson(this.people, input.type, values, before?.id ?? null);
      if (match.kind === 'match') {
        const twin = match.person;
        const msg = `名册中已有证件号码为 ${columns.documentNumber} 的人员（${twin.name}），请打开该人员修改 / ${twin.name} already has the document number ${columns.documentNumber} in the roster; edit that person instead`;
        throw new ServiceError('INVALID_INPUT', msg, { [NUMBER_KEY[input.type]]: msg });
      }
      if (!before && match.kind === 'conflict') {
        if (!input.person) throw conflictError(input.type, match.candidate);
        if (input.person === 'same') {
          const choice = { person: 'same' as const, ...(input.personId ? { personId: input.personId } : {}) };
          const same = chosenPerson(choice, match.candidate, match.holders);
          // what the new-person form left empty was not entered: the person keeps it (e.g. the photo)
          return this.write(input.type, same, { ...same.values, ...values });
        }
      }
      return this.write(input.type, before, values);
    });
  }

  /** Adds the person (target null) or sets the target's fields to `values`, with history. */
  private write(type: PersonType, target: PersonRow | null, values: FormValues): PersonDetail {
    const at = this.deps.now().toISOString();
    const columns = personColumns(type, values);
    if (!target) {
      const id = randomUUID();
      this.people.insert({ id, type, ...columns, values, createdAt: at, updatedAt: at });
      this.people.addHistory(id, at, '新建', personChanges(type, {}, values));
      return this.get(id);
    }
    const changes = personChanges(type, target.values, values);
    if (changes.length > 0) {
      this.people.update({ ...target, ...columns, values, updatedAt: at });
      this.people.addHistory(target.id, at, '修改', changes);
    }
    return this.get(target.id);
  }

  /**
   * One row of a roster import: the person with the same number and the same name or birth
   * date takes the row's fields; nobody holding the number → a new person. A number held only
   * by people with another name and birth date is never merged here: the row is reported (the
   * user decides in 人员名册) and nothing is written.
   */
  importPerson(type: PersonType, values: FormValues): { id: string } | { field: string; problem: string } {
    const match = matchPerson(this.people, type, values);
    if (match.kind === 'conflict') {
      const name = match.candidate.name;
      return {
        field: NUMBER_KEY[type],
        problem: `证件号码与名册中的 ${name} 相同但姓名、出生日期不同，请在人员名册中确认 / The document number is that of ${name} in the roster, but the name and birth date differ: confirm who this is in the people roster`,
      };
    }
    try {
      const saved =
        match.kind === 'match' ? this.save({ id: match.person.id, type, values: { ...match.person.values, ...values } }) : this.save({ type, values });
      return { id: saved.person.id };
    } catch (e) {
      // a refusal of this row only (the save's savepoint is rolled back): reported with the row
      if (!(e instanceof ServiceError)) throw e;
      const field = Object.keys(e.fields ?? {}).find((k) => personFields(type).some((f) => f.key === k)) ?? '';
      return { field, problem: e.message };
    }
  }

  /**
   * The values a new application of `kind` starts with for this person: what the person's
   * approved documents prefill (approved license → licensed registration, approved recruitment →
   * exempt registration, current permit → extension), then the person's own fields on top (the
   * roster is the newest word on the person). The employer section is the form page's business.
   */
  startApplication(personId: string, kind: DocumentKind): { values: FormValues; sourceId: string | null; number: string | null } {
    const p = this.mustGet(personId);
    const type = personTypeOf(kind);
    if (type !== p.type) {
      throw new ServiceError(
        'INVALID_INPUT',
        `${p.name} 是${PERSON_TYPE_LABELS[p.type]}，不能填写${documentDef(kind).title} / ${p.name} is not the kind of applicant for this document`,
      );
    }
    let values: FormValues = {};
    let sourceId: string | null = null;
    let number: string | null = null;
    const docs = this.people.documents(personId);
    if (kind === 'registration-licensed') {
      const license = this.openLicenses(docs)[0];
      if (license?.certificateNo) {
        number = license.certificateNo;
        values = this.deps.records.prefillByNumber(kind, number).values;
      }
    } else if (kind === 'registration-exempt') {
      const recruitment = this.openRecruitments(docs)[0];
      if (recruitment) {
        sourceId = recruitment.id;
        values = this.deps.records.prefillFromSource(kind, recruitment.id);
      }
    } else if (kind === 'wp-permit') {
      const notice = this.openWorkPermitNotices(docs)[0];
      if (notice?.certificateNo) {
        number = notice.certificateNo;
        values = this.deps.records.prefillByNumber(kind, number).values;
      }
    } else if (RENEWAL_KINDS.includes(kind)) {
      // 延期, and a work permit's 变更 / 补办 (and 注销 below): from the person's current permit
      const permit = currentPermitOf(this.permits(), personId);
      if (permit && (permit.extensionKind === kind || canPrefill(kind, permit.kind))) {
        number = permit.number;
        values = this.deps.records.prefillByNumber(kind, number).values;
      }
    } else if (documentDef(kind).numberEntry) {
      const permit = currentPermitOf(this.permits(), personId);
      if (permit && canPrefill(kind, permit.kind)) {
        number = permit.number;
        values = this.deps.records.prefillByNumber(kind, number).values;
      }
    } else if (documentDef(kind).prefill) {
      // across systems: an old 就业证 (its latest approval on this desk) prefills a work-permit notice
      const source = this.latestApprovedSource(kind, docs);
      if (source) values = prefillFrom(kind, source.kind, this.deps.records.get(source.id).values);
    }
    for (const key of personKeysOfKind(kind)) {
      const v = p.values[key];
      if (typeof v === 'string' && v !== '') values[key] = v;
    }
    return { values, sourceId, number };
  }

  /** The person's latest approved document that prefills `kind` (its definition's prefill.from). */
  private latestApprovedSource(kind: DocumentKind, docs: DocumentRow[]): DocumentRow | null {
    const from = documentDef(kind).prefill?.from ?? [];
    const approved = docs.filter((d) => d.status === 'approved' && from.includes(d.kind));
    approved.sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? '') || b.createdAt.localeCompare(a.createdAt));
    return approved[0] ?? null;
  }

  /** Links a draft (or rejected) application to a person of the matching type. */
  attach(recordId: string, personId: string): { recordId: string; personId: string } {
    return this.people.transaction(() => {
      const doc = this.people.document(recordId);
      if (!doc) throw new ServiceError('NOT_FOUND', `找不到该申请记录 / No application with id ${recordId}`);
      if (!canEdit(doc.status)) {
        throw new ServiceError('INVALID_STATE', '该申请已提交，不可修改 / This application has been submitted and cannot be changed');
      }
      const p = this.mustGet(personId);
      if (p.type !== personTypeOf(doc.kind)) {
        throw new ServiceError(
          'INVALID_INPUT',
          `${p.name} 是${PERSON_TYPE_LABELS[p.type]}，不能关联到${documentDef(doc.kind).title} / ${p.name} is not the kind of applicant for this document`,
        );
      }
      if (doc.personId !== personId) {
        this.people.link(recordId, personId);
        this.people.addHistory(personId, this.deps.now().toISOString(), ACTION_LINKED, [], { id: recordId, revision: doc.revision });
      }
      return { recordId, personId };
    });
  }
}
