import { randomUUID } from 'node:crypto';
import type { ListFilter, RecordDetail, RecordSummary } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import { canPrefill, documentDef, prefillFrom } from '../../../shared/documents';
import type { DocumentKind, FormValues, Problem, RuleContext } from '../../../shared/documents/types';
import { canDelete, canEdit, canSubmit } from '../../../shared/lifecycle';
import type { RecordRow, RecordStore } from './recordStore';
import { personOnSubmit } from '../roster/personLink';
import type { ConflictChoice } from '../roster/identity';
import { saveRefusal } from '../../../shared/documents/saveRule';

/**
 * Runs inside submit's transaction, after the checks passed and before the record is frozen
 * (a throw cancels the submission). By default: link the record to its person in the roster
 * and update the person from the submitted fields (roster/personLink.ts); `choice` is the
 * user's answer when the document number belongs to someone else (a CONFLICT refusal).
 */
export type SubmitHook = (record: RecordRow, at: string, choice?: ConflictChoice) => void;

export interface ReviewDecision {
  id: string;
  revision: number;
  decision: 'approved' | 'rejected';
  reason?: string | null;
  certificateNo?: string | null;
  certificateExpiry?: string | null;
  notice?: unknown;
}

const bilingualFieldErrors = (issues: { path: PropertyKey[]; message: string; code: string }[]) => {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '';
    if (issue.code === 'unrecognized_keys') {
      fields[''] = `表单包含未知的字段，未保存 / The form has unknown fields and was not saved (${issue.message})`;
    } else {
      fields[key] = `「${key}」的值不正确：${issue.message} / The value of "${key}" is invalid: ${issue.message}`;
    }
  }
  return fields;
};

/** The lifecycle of flows.md, enforced where the data is: every change goes through here. */
export class RecordService {
  constructor(
    private readonly store: RecordStore,
    private readonly context: () => RuleContext,
    private readonly now: () => Date,
    private readonly onSubmit: SubmitHook = personOnSubmit(store.db),
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  private mustGet(id: string): RecordRow {
    const row = this.store.get(id);
    if (!row) throw new ServiceError('NOT_FOUND', `找不到该申请记录 / No application with id ${id}`);
    return row;
  }

  problems(kind: DocumentKind, values: FormValues): Problem[] {
    return documentDef(kind).check(values, this.context());
  }

  summary(row: RecordRow): RecordSummary {
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      revision: row.revision,
      personName: row.personName,
      documentNumber: row.documentNumber,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      submittedAt: row.submittedAt,
      hasRegistration: row.hasRegistration,
      syncState: row.syncState,
      syncError: row.syncError,
    };
  }

  detail(row: RecordRow): RecordDetail {
    return {
      ...this.summary(row),
      values: row.values,
      sourceId: row.sourceId,
      reviewReason: row.reviewReason,
      reviewedAt: row.reviewedAt,
      certificateNo: row.certificateNo,
      history: this.store.history(row.id),
      problems: this.problems(row.kind, row.values),
    };
  }

  get(id: string): RecordDetail {
    return this.detail(this.mustGet(id));
  }

  list(kind: DocumentKind, filter: ListFilter, page: number, pageSize: number) {
    const { rows, total } = this.store.list(kind, filter, page, pageSize);
    return { rows: rows.map((r) => this.summary(r)), total, page, pageSize };
  }

  /** Parses the storage shape of the kind; a wrong shape is refused and nothing is written. */
  private parseValues(kind: DocumentKind, values: FormValues): FormValues {
    const parsed = documentDef(kind).schema.safeParse(values);
    if (!parsed.success) {
      throw new ServiceError(
        'INVALID_INPUT',
        '表单数据格式不正确，未保存 / The form data is malformed and was not saved',
        bilingualFieldErrors(parsed.error.issues),
      );
    }
    // drop empty strings so "cleared" and "never filled" are the same
    return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== ''));
  }

  private changedLabels(kind: DocumentKind, before: FormValues, after: FormValues): string {
    const labels = new Map(documentDef(kind).sections.flatMap((s) => s.fields.map((f) => [f.key, f.label] as const)));
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...keys].filter((k) => (before[k] ?? '') !== (after[k] ?? '')).map((k) => labels.get(k) ?? k);
    return changed.length ? `修改了：${changed.join('、')}` : '未修改内容';
  }

  save(input: { id?: string; kind: DocumentKind; values: FormValues; sourceId?: string }): RecordDetail {
    const def = documentDef(input.kind);
    const values = this.parseValues(input.kind, input.values);
    const nothing = saveRefusal(input.kind, values);
    if (nothing) throw new ServiceError('INVALID_INPUT', nothing, { '': nothing });
    const now = this.stamp();
    const personName = def.personName(values);
    const documentNumber = def.documentNumber(values).toUpperCase();

    if (input.id) {
      const id = input.id;
      return this.store.transaction(() => {
        const row = this.mustGet(id);
        if (row.kind !== input.kind) {
          throw new ServiceError('BAD_REQUEST', '申请类型与记录不符 / The document kind does not match the record');
        }
        if (!canEdit(row.status)) {
          throw new ServiceError('INVALID_STATE', '该申请已提交，预审结果出来前不可修改 / This application has been submitted and cannot be changed until the pre-review result');
        }
        this.store.updateDraft({ id, values, personName, documentNumber, now });
        const action = row.status === 'rejected' ? '预审不通过后修改' : '保存';
        this.store.addHistory(id, now, row.revision, action, this.changedLabels(row.kind, row.values, values));
        return this.get(id);
      });
    }

    return this.store.transaction(() => {
      let sourceId: string | null = null;
      if (input.sourceId) {
        const source = this.mustGet(input.sourceId);
        if (input.kind !== 'registration-exempt' || source.kind !== 'recruitment' || source.status !== 'approved') {
          throw new ServiceError('INVALID_STATE', '只有预审通过的《聘用外国人就业申请表》可以填写就业登记表 / Only an approved recruitment application leads to a registration form');
        }
        if (source.hasRegistration) {
          throw new ServiceError('INVALID_STATE', '该申请已填写过《外国人就业登记表》 / A registration form already exists for this application');
        }
        sourceId = source.id;
      }
      const id = randomUUID();
      this.store.insert({ id, kind: input.kind, values, personName, documentNumber, sourceId, now });
      this.store.addHistory(id, now, 0, '新建', `创建${def.title}`);
      return this.get(id);
    });
  }

  submit(id: string, choice?: ConflictChoice): RecordDetail {
    return this.store.transaction(() => {
      const row = this.mustGet(id);
      if (!canSubmit(row.status)) {
        throw new ServiceError('INVALID_STATE', '该申请已提交，不可重复提交 / This application has already been submitted');
      }
      const blocking = this.problems(row.kind, row.values).filter((p) => p.severity === 'block');
      if (blocking.length > 0) {
        const fields: Record<string, string> = {};
        for (const p of blocking) fields[p.field] = fields[p.field] ? `${fields[p.field]}；${p.message}` : p.message;
        throw new ServiceError(
          'SUBMIT_BLOCKED',
          `有 ${blocking.length} 处问题需要改正后才能提交 / ${blocking.length} problem(s) must be fixed before submitting`,
          fields,
        );
      }
      const now = this.stamp();
      this.onSubmit(row, now, choice);
      const revision = this.store.submit(id, row.values, now);
      this.store.addHistory(id, now, revision, '提交', `提交第 ${revision} 版，等待预审`);
      return this.get(id);
    });
  }

  /**
   * Deletes never-submitted drafts (未提交, revision 0), all or none: one that was ever submitted
   * (or is not there) refuses the whole request, naming it, and nothing changes.
   */
  deleteDrafts(ids: readonly string[]): { deleted: { id: string; kind: DocumentKind; personName: string; documentNumber: string }[] } {
    return this.store.transaction(() => {
      const rows = [...new Set(ids)].map((id) => this.mustGet(id));
      const frozen = rows.filter((r) => !canDelete(r));
      if (frozen.length > 0) {
        const names = frozen.map((r) => r.personName || r.documentNumber || r.id).join('、');
        throw new ServiceError(
          'INVALID_STATE',
          `只能删除未提交过的申请，以下申请已提交过，未删除任何申请：${names} / Only never-submitted drafts can be deleted; these were submitted, nothing was deleted: ${names}`,
        );
      }
      const now = this.stamp();
      for (const row of rows) {
        if (!this.store.deleteDraft(row, now)) {
          throw new ServiceError('INVALID_STATE', `未能删除 ${row.personName || row.id}，未删除任何申请 / Could not delete ${row.personName || row.id}; nothing was deleted`);
        }
      }
      return { deleted: rows.map((r) => ({ id: r.id, kind: r.kind, personName: r.personName, documentNumber: r.documentNumber })) };
    });
  }

  /**
   * A review result from the bureau. Returns false (and changes nothing) when it does not apply.
   * The record is not read first: the UPDATE applies only to the revision waiting for review
   * (status 待预审, same revision), which is what decides, and a pull writes thousands of these.
   */
  applyReview(r: ReviewDecision, at?: string): boolean {
    return this.store.transaction(() => this.writeReview(r, at ?? this.stamp()));
  }

  /**
   * A page of review results inside the caller's transaction, without a savepoint each (a pull
   * writes thousands): the first result the store's guards refuse throws, and the caller rolls the
   * page back and applies it again result by result with applyReview. Call inside a transaction.
   */
  applyReviewsInTransaction(rs: readonly ReviewDecision[], at: string): boolean[] {
    return rs.map((r) => this.writeReview(r, at));
  }

  private writeReview(r: ReviewDecision, now: string): boolean {
    const applied = this.store.review({
      id: r.id,
      revision: r.revision,
      status: r.decision,
      reason: r.decision === 'rejected' ? (r.reason ?? '') : null,
      certificateNo: r.certificateNo ?? null,
      certificateExpiry: r.certificateExpiry ?? null,
      notice: r.notice ?? null,
      now,
    });
    if (applied) {
      this.store.addHistory(r.id, now, r.revision, r.decision === 'approved' ? '预审通过' : '预审不通过', r.reason ?? '');
    }
    return applied;
  }

  /** Number pages: prefill from the local approved record carrying that number. */
  prefillByNumber(kind: DocumentKind, number: string): { values: FormValues; source: 'local' | 'none' } {
    const entry = documentDef(kind).numberEntry;
    if (!entry) throw new ServiceError('BAD_REQUEST', '该申请不需要输入号码 / This document has no number page');
    const normalized = number.trim().toUpperCase();
    const problem = entry.validate(normalized);
    if (problem) throw new ServiceError('INVALID_INPUT', problem, { number: problem });
    // the latest approval of the number: the permit itself, or an extension that renewed it
    const source = this.store.approvedByCertificate(normalized);
    if (source && (entry.sourceKinds.includes(source.kind) || canPrefill(kind, source.kind))) {
      const values = prefillFrom(kind, source.kind, source.values, {
        number: normalized,
        ...(source.certificateExpiry ? { expiry: source.certificateExpiry } : {}),
      });
      return { values: { ...values, [entry.fieldKey]: normalized }, source: 'local' };
    }
    return { values: { [entry.fieldKey]: normalized }, source: 'none' };
  }

  /** The recruitment list's 【填写】: an exempt registration prefilled from the approved application. */
  prefillFromSource(kind: DocumentKind, sourceId: string): FormValues {
    const source = this.mustGet(sourceId);
    if (kind !== 'registration-exempt' || source.kind !== 'recruitment' || source.status !== 'approved') {
      throw new ServiceError('INVALID_STATE', '只有预审通过的《聘用外国人就业申请表》可以填写就业登记表 / Only an approved recruitment application leads to a registration form');
    }
    return prefillFrom(kind, source.kind, source.values);
  }
}
