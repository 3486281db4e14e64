/**
 * The query (list) pages (flows.md "The query pages"): each kind's page title, route and
 * columns in the manual's order, and the 外国人就业证查询 page that links three of them.
 */
import { DOCUMENTS, documentDef } from './registry';
import { DOCUMENT_KINDS, type DocumentKind } from './types';

export const SUBMIT_STATE_COLUMN = '提交状态';
export const REVIEW_STATE_COLUMN = '审核状态';
export const VIEW_COLUMN = '查看';
export const EDIT_COLUMN = '修改';
export const SUBMIT_COLUMN = '是否提交';
export const NOTICE_COLUMN = '预约通知书';
export const REGISTRATION_COLUMN = '就业登记表';

export interface QueryPageDef {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly titleEn: string;
  /** route of the page; 【保存】 and 【返回】 on the form return here */
  readonly route: string;
  /** column headers in order */
  readonly columns: readonly string[];
  readonly printColumn: string;
  readonly hasNotice: boolean;
  /** recruitment: the kind the 就业登记表 column's 【填写】 opens */
  readonly registrationKind?: DocumentKind;
}

export function queryPage(kind: DocumentKind): QueryPageDef {
  const def = documentDef(kind);
  const registrationKind = def.list.registrationKind;
  const columns = [
    SUBMIT_STATE_COLUMN,
    REVIEW_STATE_COLUMN,
    VIEW_COLUMN,
    EDIT_COLUMN,
    SUBMIT_COLUMN,
    ...(def.hasNotice ? [NOTICE_COLUMN] : []),
    ...(registrationKind ? [REGISTRATION_COLUMN] : []),
    def.printColumn,
  ];
  return {
    kind,
    title: def.list.title,
    titleEn: def.list.titleEn,
    route: def.list.route,
    columns,
    printColumn: def.printColumn,
    hasNotice: def.hasNotice,
    ...(registrationKind ? { registrationKind } : {}),
  };
}

export const QUERY_PAGES: Readonly<Record<DocumentKind, QueryPageDef>> = Object.fromEntries(
  DOCUMENT_KINDS.map((k) => [k, queryPage(k)]),
) as Record<DocumentKind, QueryPageDef>;

/** Where 【保存】 and 【返回】 on a kind's form return to. */
export function queryRoute(kind: DocumentKind): string {
  return DOCUMENTS[kind].list.route;
}

/** The kind whose query page has this route, if any. */
export function kindOfQueryRoute(route: string): DocumentKind | undefined {
  return DOCUMENT_KINDS.find((k) => DOCUMENTS[k].list.route === route);
}

/** 外国人就业证查询: two headings, three links (flows.md). */
export const EMPLOYMENT_QUERY_HUB = {
  route: '/employment/query',
  title: '外国人就业证查询',
  titleEn: 'inquiry of application for Alien Employment Permit',
  groups: [
    {
      heading: '1、已办就业许可证书，查询:',
      headingEn: 'For whom acquired Employment License, inquiry:',
      links: [{ text: '《外国人就业登记表》 registration form', kind: 'registration-licensed' }],
    },
    {
      heading: '2、免办就业许可证书，查询:',
      headingEn: 'For whom exempted from the Employment License, inquiry:',
      links: [
        { text: '《聘用外国人就业申请表》 application for recruiting foreign worker in China', kind: 'recruitment' },
        { text: '《外国人就业登记表》 registration form', kind: 'registration-exempt' },
      ],
    },
  ],
} as const satisfies {
  route: string;
  title: string;
  titleEn: string;
  groups: readonly { heading: string; headingEn: string; links: readonly { text: string; kind: DocumentKind }[] }[];
};
