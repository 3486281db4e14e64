import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDialogOptions, applicationMenuTemplate } from '../../../main/electron/menu';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const build = (isPackaged: boolean, platform: NodeJS.Platform = 'win32', onAbout = vi.fn()) =>
  applicationMenuTemplate({ isPackaged, platform, onAbout });

describe('applicationMenuTemplate', () => {
  it('has 文件, 编辑, 视图, 窗口, 帮助 in order', () => {
    expect(build(true).map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)']);
  });

  it('has 关于 Permit Desk, which opens the about dialog', () => {
    const onAbout = vi.fn();
    const about = flatten(build(true, 'linux', onAbout)).find((i) => i.label === '关于 Permit Desk');
    expect(about).toBeDefined();
    (about?.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });

  it('has 退出 and the edit roles', () => {
    const roles = flatten(build(true)).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(flatten(build(true)).find((i) => i.role === 'quit')?.label).toBe('退出');
  });

  it('offers view roles, with toggleDevTools only when not packaged', () => {
    const packaged = flatten(build(true)).map((i) => i.role);
    expect(packaged).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(packaged).not.toContain('toggleDevTools');
    expect(flatten(build(false)).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('follows macOS conventions on darwin', () => {
    const mac = build(true, 'darwin');
    expect(mac[0]?.label).toBe('Permit Desk');
    expect(flatten(mac).filter((i) => i.label === '关于 Permit Desk')).toHaveLength(2);
  });

  it('about dialog shows the version and a one-line description', () => {
    const options = aboutDialogOptions('1.2.3');
    expect(options.title).toBe('关于 Permit Desk');
    expect(options.detail).toContain('1.2.3');
    expect(options.detail?.split('\n')).toHaveLength(2);
  });
});
