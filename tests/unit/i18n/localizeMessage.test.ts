import { describe, expect, it } from 'vitest';
import { localizeMessage } from '../../../renderer/src/i18n/localizeMessage';

describe('localizeMessage: a "中文 / English" text in the interface language', () => {
  const samples = [
    '请先登录 / Please sign in first',
    '放弃未保存的修改？/ Discard unsaved changes?',
    'JPEG 或 PNG，不超过 1 MB / JPEG or PNG, at most 1 MB',
    'plain English',
    '只有中文',
    '',
  ];

  it('in Chinese shows every text exactly as it is', () => {
    for (const text of samples) expect(localizeMessage(text, 'zh-CN')).toBe(text);
  });

  it('in English shows the part after the separator', () => {
    expect(localizeMessage('请先登录 / Please sign in first', 'en')).toBe('Please sign in first');
    expect(localizeMessage('发生意外错误 / An unexpected error occurred: boom', 'en')).toBe('An unexpected error occurred: boom');
  });

  it('takes the last separator, so a Chinese part holding " / " is dropped whole', () => {
    expect(localizeMessage('已检查 3 / 10 行 / rows checked', 'en')).toBe('rows checked');
    expect(localizeMessage('就业证到期提醒 / 到期 / Permits expiring', 'en')).toBe('Permits expiring');
  });

  it('accepts the separator right after Chinese punctuation', () => {
    expect(localizeMessage('放弃未保存的修改？/ Discard unsaved changes?', 'en')).toBe('Discard unsaved changes?');
    expect(localizeMessage('该申请已提交。/ It was submitted.', 'en')).toBe('It was submitted.');
  });

  it('keeps Chinese names quoted in the English part', () => {
    expect(localizeMessage('请到「到期提醒」申请延期 / Apply for extensions under 到期提醒', 'en')).toBe('Apply for extensions under 到期提醒');
  });

  it('leaves text without the "中文 / English" shape as it is', () => {
    for (const text of ['plain English', 'JPEG / PNG', '只有中文', '中文 / 还是中文', '2025/01/01 到期', 'hr@example.com', '', '中文/English']) {
      expect(localizeMessage(text, 'en')).toBe(text);
    }
  });
});
