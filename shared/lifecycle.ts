/**
 * One record's lifecycle (flows.md):
 *   save → draft(未提交) → submit → submitted(已提交/待预审) → approved(预审通过) | rejected(预审不通过)
 *   rejected → edit(修改) → draft → submit → … (a new revision)
 * Main enforces it; the database refuses changes to submitted records with a trigger.
 */
export const RECORD_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export type SubmitState = '未提交' | '已提交';
export type ReviewState = '' | '待预审' | '预审通过' | '预审不通过';

export function submitState(status: RecordStatus): SubmitState {
  return status === 'draft' ? '未提交' : '已提交';
}

/** 审核状态 column: empty before the first submission; a reopened draft keeps showing nothing. */
export function reviewState(status: RecordStatus): ReviewState {
  switch (status) {
    case 'draft':
      return '';
    case 'submitted':
      return '待预审';
    case 'approved':
      return '预审通过';
    case 'rejected':
      return '预审不通过';
  }
}

/** 【修改】: only while 未提交, or after 预审不通过. */
export const canEdit = (status: RecordStatus): boolean => status === 'draft' || status === 'rejected';
/** 【提交】: only while 未提交. */
export const canSubmit = (status: RecordStatus): boolean => status === 'draft';

/** 【删除】: only a draft never submitted (未提交, revision 0); one ever submitted is part of the record */
export const canDelete = (r: { status: RecordStatus; revision: number }): boolean => r.status === 'draft' && r.revision === 0;
/** 预约通知书 【打印】: once 预审通过. */
export const canPrintNotice = (status: RecordStatus): boolean => status === 'approved';
/** review results apply only to a record waiting for one */
export const canReview = (status: RecordStatus): boolean => status === 'submitted';
