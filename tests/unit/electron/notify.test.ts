import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNotifier, type NotificationClassLike } from '../../../main/electron/notify';

function fakeNotificationClass(supported: boolean) {
  const shown: NotificationConstructorOptions[] = [];
  class FakeNotification {
    static isSupported = () => supported;
    constructor(private readonly options: NotificationConstructorOptions) {}
    on() {
      return this;
    }
    show() {
      shown.push(this.options);
    }
  }
  return { Ctor: FakeNotification as NotificationClassLike, shown };
}

describe('createNotifier', () => {
  it('shows a notification when supported', () => {
    const { Ctor, shown } = fakeNotificationClass(true);
    createNotifier(Ctor)('同步完成', '已上传 2 条');
    expect(shown).toEqual([expect.objectContaining({ title: '同步完成', body: '已上传 2 条' })]);
  });

  it('does nothing when unsupported', () => {
    const { Ctor, shown } = fakeNotificationClass(false);
    createNotifier(Ctor)('t', 'b');
    expect(shown).toEqual([]);
  });

  it('never throws', () => {
    const Broken = class {
      static isSupported = () => true;
      constructor() {
        throw new Error('no notification server');
      }
    } as unknown as NotificationClassLike;
    const lines: string[] = [];
    expect(() => createNotifier(Broken, (l) => lines.push(l))('t', 'b')).not.toThrow();
    expect(lines[0]).toContain('no notification server');
  });
});
