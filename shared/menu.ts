/** The left menu of the manual (flows.md), exactly, with the route each item opens. */
export interface MenuItem {
  readonly label: string;
  readonly path: string;
}
export interface MenuGroup {
  readonly label: string;
  readonly items: readonly MenuItem[];
}

export const MENU_ROOT = '劳动就业';

export const MENU: readonly MenuGroup[] = [
  {
    label: '外国人就业许可',
    items: [
      { label: '外国人就业许可证书申请', path: '/license/apply' },
      { label: '外国人就业许可证书查询', path: '/license/query' },
      { label: '外国人就业证申请', path: '/employment/apply' },
      { label: '外国人就业证查询', path: '/employment/query' },
      { label: '就业许可延期申请', path: '/extension/apply' },
      { label: '就业许可延期查询', path: '/extension/query' },
    ],
  },
  {
    label: '台港澳人员就业许可',
    items: [
      { label: '台港澳人员就业证申请', path: '/hmt-permit/apply' },
      { label: '台港澳人员就业证查询', path: '/hmt-permit/query' },
      { label: '许可延期申请', path: '/hmt-extension/apply' },
      { label: '许可延期查询', path: '/hmt-extension/query' },
    ],
  },
];

export const MENU_ITEMS: readonly MenuItem[] = MENU.flatMap((g) => g.items);

/** Beyond the manual: the roster, its deadlines and the data tools, in a menu of their own. */
export const TOOLS_ROOT = '人员与数据';
export const TOOLS_MENU: readonly MenuItem[] = [
  { label: '人员名册', path: '/roster' },
  { label: '到期提醒', path: '/deadlines' },
  { label: '数据备份与恢复', path: '/data/backup' },
];
