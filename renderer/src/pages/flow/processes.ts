/**
 * The five application processes of the manual, as data (and one per further kind that has
 * `/<kind>/apply` in shared/menu.ts, derived from its definition: today's work permits): the links on each 申请 page, the
 * extra links of a tips page, and the short how-to shown beside them. Menu labels come from
 * shared/menu.ts; document titles, tips and number pages from shared/documents.
 */
import { MENU, MENU_ITEMS } from '../../../../shared/menu';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/documents/types';
import { documentDef } from '../../../../shared/documents';
import { labelText } from '../../i18n/bilingual';

/** The manual's processes by name; a derived process is keyed by its document kind. */
export type ProcessKey = 'license' | 'employment' | 'extension' | 'hmt-permit' | 'hmt-extension' | DocumentKind;

export interface FlowLink {
  /** the manual's 【】 link text, exactly, English sub-label included ("外国人就业许可提示 tips") */
  readonly text: string;
  /** the link in the English interface */
  readonly textEn: string;
  readonly to: string;
  /** the manual's colour: red = exempt route, purple = requirements */
  readonly tone?: 'red' | 'purple';
  /** a line under the link saying who it is for ("中文 / English") */
  readonly note?: string;
  /** only usable once every box on the page is ticked (tips pages) */
  readonly gated?: boolean;
}

export interface ProcessDef {
  readonly key: ProcessKey;
  readonly applyPath: string;
  readonly queryPath: string;
  /** the document kinds this process creates (for the home cards) */
  readonly kinds: readonly DocumentKind[];
  /** one line under the title */
  readonly summary: string;
  readonly summaryEn: string;
  readonly links: readonly FlowLink[];
  /** the manual's steps, shortened */
  readonly steps: readonly string[];
  readonly stepsEn: readonly string[];
}

export const tipsPath = (kind: DocumentKind, step = 1): string => `/flow/${kind}/tips/${step}`;
export const numberPath = (kind: DocumentKind): string => `/flow/${kind}/number`;
export const newRecordPath = (kind: DocumentKind): string => `/records/${kind}/new`;

const MANUAL_PROCESSES: readonly ProcessDef[] = [
  {
    key: 'license',
    applyPath: '/license/apply',
    queryPath: '/license/query',
    kinds: ['license'],
    summary: '申请《外国人就业许可证书》',
    summaryEn: 'Apply for the Alien Employment License',
    links: [tipsLink('license')],
    steps: [
      '点击【外国人就业许可提示 tips】，逐一阅读提示并勾选□，全部勾选后点击【下一步】。',
      '免办《外国人就业许可证书》的人员，在提示页点击红色【外国人就业证申请】链接，直接填写《聘用外国人就业申请表》。',
      '阅读【外国人就业许可证书申请条件 requirements】并全部勾选后点击【下一步】，填写《外国人就业许可证书》申请表。',
      '“市公安出入境管理部门意见”首次保存时留空；打印申请表到公安出入境部门盖章后，再【修改】录入意见并【提交】。',
    ],
    stepsEn: [
      'Click “Employment License tips”, read each tip and tick its box, then click Next.',
      'Persons exempt from the Employment License click the red “Employment Permit application” link on the tips page and fill in the application for recruiting a foreign worker directly.',
      'Read the “Employment License requirements”, tick them all, click Next and fill in the Employment License application.',
      'Leave “Opinion of the municipal police exit-entry department” empty when first saving; once the printed form has been stamped there, Edit the record to enter the opinion, then Submit.',
    ],
  },
  {
    key: 'employment',
    applyPath: '/employment/apply',
    queryPath: '/employment/query',
    kinds: ['recruitment', 'registration-licensed', 'registration-exempt'],
    summary: '申请《外国人就业证》',
    summaryEn: 'Apply for the Alien Employment Permit',
    links: [
      {
        text: '填写《聘用外国人就业申请表》application form',
        textEn: 'Fill in the application for recruiting a foreign worker',
        to: newRecordPath('recruitment'),
        note: '免办《外国人就业许可证书》人员 / For persons exempt from the Employment License',
      },
      {
        ...tipsLink('registration-licensed'),
        note: '已办《外国人就业许可证书》人员 / For persons holding the Employment License',
      },
    ],
    steps: [
      '免办人员：填写《聘用外国人就业申请表》，预审通过后在“外国人就业证查询”的“就业登记表”列点击【填写】，填写《外国人就业登记表》。',
      '已办人员：阅读【《外国人就业证》办理提示 tips】并全部勾选后点击【下一步】，输入就业许可证书号码，点击【确定】后填写《外国人就业登记表》。',
    ],
    stepsEn: [
      'Exempt persons: fill in the application for recruiting a foreign worker; once it passes pre-review, click Fill in in the Registration form column of “Employment Permit inquiry” to fill in the registration form.',
      'Persons holding the Employment License: read the “Employment Permit tips”, tick them all and click Next, enter the license number, click OK and fill in the registration form.',
    ],
  },
  {
    key: 'extension',
    applyPath: '/extension/apply',
    queryPath: '/extension/query',
    kinds: ['extension'],
    summary: '外国人就业许可延期',
    summaryEn: 'Extend an Alien Employment Permit',
    links: [tipsLink('extension')],
    steps: [
      '点击【外国人就业许可延期申请提示 tips】，逐一阅读提示并勾选□，全部勾选后点击【下一步】。',
      '输入就业证号码，点击【确定】，填写延期申请表。',
    ],
    stepsEn: [
      'Click “Permit extension tips”, read each tip and tick its box, then click Next.',
      'Enter the employment permit number, click OK and fill in the extension application.',
    ],
  },
  {
    key: 'hmt-permit',
    applyPath: '/hmt-permit/apply',
    queryPath: '/hmt-permit/query',
    kinds: ['hmt-permit'],
    summary: '台湾香港澳门居民在内地就业证',
    summaryEn: 'Employment Permit for Taiwan, Hong Kong and Macao residents',
    links: [tipsLink('hmt-permit')],
    steps: [
      '点击【台港澳人员就业许可提示】，逐一阅读提示并勾选□，全部勾选后点击【下一步】。',
      '填写《台湾香港澳门居民在内地就业证申请表》。',
    ],
    stepsEn: [
      'Click “HK/Macao/Taiwan employment permit tips”, read each tip and tick its box, then click Next.',
      'Fill in the employment permit application for Taiwan, Hong Kong and Macao residents.',
    ],
  },
  {
    key: 'hmt-extension',
    applyPath: '/hmt-extension/apply',
    queryPath: '/hmt-extension/query',
    kinds: ['hmt-extension'],
    summary: '台港澳人员就业许可延期',
    summaryEn: 'Extend a permit of a Taiwan, Hong Kong or Macao resident',
    links: [tipsLink('hmt-extension')],
    steps: [
      '点击【台港澳人员就业许可延期申请】，逐一阅读提示并勾选□，全部勾选后点击【下一步】。',
      '输入就业证号码，点击【确定】，填写《台湾香港澳门居民在内地就业许可延期申请表》。',
    ],
    stepsEn: [
      'Click “HK/Macao/Taiwan permit extension tips”, read each tip and tick its box, then click Next.',
      'Enter the employment permit number, click OK and fill in the extension application for Taiwan, Hong Kong and Macao residents.',
    ],
  },
];

/** The 申请 path of a kind that has its own in the menu (`/<kind>/apply`), or ''. */
export const ownApplyPath = (kind: DocumentKind): string => (MENU_ITEMS.some((i) => i.path === `/${kind}/apply`) ? `/${kind}/apply` : '');

/**
 * A process derived from a kind's definition: its tips pages, then its number page or its form.
 * A new kind with `/<kind>/apply` and its query route in the menu needs nothing here.
 */
function derivedProcess(kind: DocumentKind): ProcessDef {
  const def = documentDef(kind);
  const first = def.tips[0];
  const entry = def.numberEntry;
  return {
    key: kind,
    applyPath: `/${kind}/apply`,
    queryPath: def.list.route,
    kinds: [kind],
    summary: def.title,
    summaryEn: def.titleEn,
    links: first ? [tipsLink(kind)] : [{ text: def.title, textEn: def.titleEn, to: newRecordPath(kind) }],
    steps: [
      ...(first ? [`点击【${first.link}】，逐一阅读提示并勾选□，全部勾选后点击【下一步】。`] : []),
      entry ? `输入${entry.label}，点击【确定】，填写${def.title}。` : `填写${def.title}。`,
    ],
    stepsEn: [
      ...(first ? [`Click “${first.titleEn}”, read each tip and tick its box, then click Next.`] : []),
      entry ? `Enter the ${entry.labelEn.toLowerCase()}, click OK and fill in the ${def.titleEn.toLowerCase()}.` : `Fill in the ${def.titleEn.toLowerCase()}.`,
    ],
  };
}

const MANUAL_KINDS = new Set(MANUAL_PROCESSES.flatMap((p) => p.kinds));

export const PROCESSES: readonly ProcessDef[] = [
  ...MANUAL_PROCESSES,
  ...DOCUMENT_KINDS.filter((k) => !MANUAL_KINDS.has(k) && ownApplyPath(k) !== '').map(derivedProcess),
];

/** The derived processes (the router adds their 申请 and query routes). */
export const DERIVED_PROCESSES: readonly ProcessDef[] = PROCESSES.slice(MANUAL_PROCESSES.length);

/** Links shown on a tips page besides its items, by kind and 1-based page number. */
export const TIPS_PAGE_LINKS: Partial<Record<DocumentKind, Record<number, readonly FlowLink[]>>> = {
  license: {
    1: [
      {
        text: '外国人就业证申请',
        textEn: 'Employment Permit application',
        to: newRecordPath('recruitment'),
        tone: 'red',
        note: '符合条件免办《外国人就业许可证书》的人员，直接填写《聘用外国人就业申请表》 / Exempt from the Employment License: go straight to the application for recruiting foreign worker',
      },
      {
        ...tipsLink('license', 2),
        tone: 'purple',
        gated: true,
        note: '需办《外国人就业许可证书》的人员：阅读并勾选全部提示后进入申请条件 / Needs the Employment License: tick every tip above, then read the requirements',
      },
    ],
  },
};

/** The link to a kind's tips page, its text as the manual prints it (from shared/documents). */
function tipsLink(kind: DocumentKind, step = 1): FlowLink {
  const page = documentDef(kind).tips[step - 1];
  return { text: page?.link ?? '', textEn: page?.titleEn ?? '', to: tipsPath(kind, step) };
}

/** The process whose 申请 page starts the tips flow of `kind`. */
export function processOfKind(kind: DocumentKind): ProcessDef | undefined {
  return PROCESSES.find((p) => p.kinds.includes(kind));
}

export function processByKey(key: ProcessKey): ProcessDef {
  const p = PROCESSES.find((x) => x.key === key);
  if (!p) throw new Error(`unknown process ${key}`);
  return p;
}

/** The menu label of a path of shared/menu.ts, in the interface's language ('' when the path is not a menu item). */
export function menuLabel(path: string): string {
  const item = MENU_ITEMS.find((i) => i.path === path);
  return item ? labelText(item) : '';
}

/** The menu group (外国人就业许可 / 台港澳人员就业许可) holding a menu path, in the interface's language. */
export function menuGroupLabel(path: string): string {
  const group = MENU.find((g) => g.items.some((i) => i.path === path));
  return group ? labelText(group) : '';
}

/** Menu item a page of `kind` belongs to: its query page for lists and records, else its 申请 page. */
export function menuPathOfKind(kind: DocumentKind, area: 'apply' | 'query'): string {
  if (kind === 'registration-exempt') return '/employment/query';
  const p = processOfKind(kind);
  if (!p) return '/';
  return area === 'apply' ? p.applyPath : p.queryPath;
}
