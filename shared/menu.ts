/** The left menu of the manual (flows.md), exactly, with the route each item opens. */
export interface MenuItem {
  readonly label: string;
  /** the interface's English label (the manual has none) */
  readonly labelEn: string;
  readonly path: string;
}
export interface MenuGroup {
  readonly label: string;
  readonly labelEn: string;
  readonly items: readonly MenuItem[];
}

export const MENU_ROOT = '劳动就业';
export const MENU_ROOT_EN = 'Labour and employment';

export const MENU: readonly MenuGroup[] = [
  {
    label: '外国人就业许可',
    labelEn: 'Foreign nationals',
    items: [
      { label: '外国人就业许可证书申请', labelEn: 'Employment License application', path: '/license/apply' },
      { label: '外国人就业许可证书查询', labelEn: 'Employment License inquiry', path: '/license/query' },
      { label: '外国人就业证申请', labelEn: 'Employment Permit application', path: '/employment/apply' },
      { label: '外国人就业证查询', labelEn: 'Employment Permit inquiry', path: '/employment/query' },
      { label: '就业许可延期申请', labelEn: 'Permit extension application', path: '/extension/apply' },
      { label: '就业许可延期查询', labelEn: 'Permit extension inquiry', path: '/extension/query' },
    ],
  },
  {
    label: '台港澳人员就业许可',
    labelEn: 'Taiwan, Hong Kong and Macao residents',
    items: [
      { label: '台港澳人员就业证申请', labelEn: 'HK/Macao/Taiwan permit application', path: '/hmt-permit/apply' },
      { label: '台港澳人员就业证查询', labelEn: 'HK/Macao/Taiwan permit inquiry', path: '/hmt-permit/query' },
      { label: '许可延期申请', labelEn: 'HK/Macao/Taiwan extension application', path: '/hmt-extension/apply' },
      { label: '许可延期查询', labelEn: 'HK/Macao/Taiwan extension inquiry', path: '/hmt-extension/query' },
    ],
  },
  {
    // today's national process (since 2017-04-01), beside the manual's
    label: '外国人来华工作许可',
    labelEn: 'Work permits (since 2017)',
    items: [
      { label: '工作许可通知申请', labelEn: 'Work permit notice application', path: '/wp-notice/apply' },
      { label: '工作许可通知查询', labelEn: 'Work permit notice inquiry', path: '/wp-notice/query' },
      { label: '工作许可证申请', labelEn: 'Work permit application', path: '/wp-permit/apply' },
      { label: '工作许可证查询', labelEn: 'Work permit inquiry', path: '/wp-permit/query' },
      { label: '工作许可证延期申请', labelEn: 'Work permit extension application', path: '/wp-extension/apply' },
      { label: '工作许可证延期查询', labelEn: 'Work permit extension inquiry', path: '/wp-extension/query' },
      { label: '工作许可证变更申请', labelEn: 'Work permit change application', path: '/wp-change/apply' },
      { label: '工作许可证变更查询', labelEn: 'Work permit change inquiry', path: '/wp-change/query' },
      { label: '工作许可证注销申请', labelEn: 'Work permit cancellation application', path: '/wp-cancellation/apply' },
      { label: '工作许可证注销查询', labelEn: 'Work permit cancellation inquiry', path: '/wp-cancellation/query' },
      { label: '工作许可证补办申请', labelEn: 'Work permit reissue application', path: '/wp-reissue/apply' },
      { label: '工作许可证补办查询', labelEn: 'Work permit reissue inquiry', path: '/wp-reissue/query' },
    ],
  },
];

export const MENU_ITEMS: readonly MenuItem[] = MENU.flatMap((g) => g.items);

/** Beyond the manual: the roster, its deadlines and the data tools, in a menu of their own. */
export const TOOLS_ROOT = '人员与数据';
export const TOOLS_ROOT_EN = 'People and data';
export const TOOLS_MENU: readonly MenuItem[] = [
  { label: '人员名册', labelEn: 'People roster', path: '/roster' },
  { label: '到期提醒', labelEn: 'Deadlines', path: '/deadlines' },
  { label: '数据备份与恢复', labelEn: 'Backup and restore', path: '/data/backup' },
];
