/**
 * The application menu as a pure template (tested without Electron); main.ts builds it with
 * Menu.buildFromTemplate and supplies `onAbout`.
 */
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { PRODUCT_NAME, WINDOW_TITLE } from './constants';

export interface MenuOptions {
  /** app.isPackaged: DevTools are offered only in development builds */
  isPackaged: boolean;
  /** process.platform: macOS gets its own application menu */
  platform: NodeJS.Platform;
  /** shows the about dialog (main.ts: dialog.showMessageBox(aboutDialogOptions(version))) */
  onAbout: () => void;
}

export const ABOUT_LABEL = `关于 ${PRODUCT_NAME}`;

export function applicationMenuTemplate({ isPackaged, platform, onAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: ABOUT_LABEL, click: () => onAbout() };

  const macApp: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: PRODUCT_NAME,
          submenu: [
            about,
            { type: 'separator' },
            { role: 'services', label: '服务' },
            { type: 'separator' },
            { role: 'hide', label: `隐藏 ${PRODUCT_NAME}` },
            { role: 'hideOthers', label: '隐藏其他' },
            { role: 'unhide', label: '全部显示' },
            { type: 'separator' },
            { role: 'quit', label: `退出 ${PRODUCT_NAME}` },
          ],
        },
      ]
    : [];

  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    ...(isPackaged ? [] : ([{ role: 'toggleDevTools', label: '开发者工具 DevTools' }] satisfies MenuItemConstructorOptions[])),
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];

  return [
    ...macApp,
    {
      label: '文件(&F)',
      submenu: [isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' }],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { type: 'separator' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '窗口(&W)',
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: '最小化' },
        ...(isMac
          ? ([
              { role: 'zoom', label: '缩放' },
              { type: 'separator' },
              { role: 'front', label: '前置全部窗口' },
            ] satisfies MenuItemConstructorOptions[])
          : ([{ role: 'close', label: '关闭窗口' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      label: '帮助(&H)',
      role: 'help',
      submenu: [about],
    },
  ];
}

export const PRODUCT_DESCRIPTION =
  '广州市外国人和台港澳人员就业许可申请的离线桌面客户端 / Offline desktop client for Guangzhou employment-permit applications.';

export function aboutDialogOptions(version: string): MessageBoxOptions {
  return {
    type: 'info',
    title: ABOUT_LABEL,
    message: WINDOW_TITLE,
    detail: `版本 Version ${version}\n${PRODUCT_DESCRIPTION}`,
    buttons: ['确定 OK'],
    defaultId: 0,
    noLink: true,
  };
}
