import { t, type MessageKey } from '../../i18n';

/** the actions main writes into a record's or a person's history (stored in Chinese) */
const ACTIONS: Readonly<Record<string, MessageKey>> = {
  新建: 'history.created',
  提交: 'history.submitted',
  修改: 'history.edited',
  预审通过: 'history.approved',
  预审不通过: 'history.rejected',
  由申请创建: 'history.createdFromApplication',
  提交申请时更新: 'history.updatedBySubmission',
  关联申请: 'history.linked',
};

/** the placeholders main writes for a photo in a person's changes */
const MARKERS: Readonly<Record<string, MessageKey>> = {
  '（照片）': 'history.photo',
  '（已更换）': 'history.replaced',
};

/** A history entry's action in the interface's language (an unknown one as it is). */
export function historyAction(action: string): string {
  const key = ACTIONS[action];
  return key ? t(key) : action;
}

/** A changed value as shown in a person's history: empty, a photo marker, or the value itself. */
export function changeValue(value: string): string {
  if (!value) return t('common.empty');
  const key = MARKERS[value];
  return key ? t(key) : value;
}
