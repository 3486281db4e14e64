/** Print templates: pure functions from record data to complete HTML documents. */
export { escapeHtml, safePhotoUrl } from './html';
export { BLANK_DATE, formatDate, printedTitle, printedValue } from './format';
export { textWidthMm, wrapLines } from './metrics';
export { fitValue, paginate, sectionRows, PHOTO_MM, type GridRow, type PageLayout, type ValueFit } from './layout';
export { AREA_ROW_H, SEAL_MM, authorityAreas, authorityHeight, certificateLabel, type AuthorityArea } from './authorities';
export {
  BASE_CSS,
  CJK_STACK,
  FONT_STACK,
  PAGE_FOOTER_TEMPLATE,
  PAGE_HEADER_TEMPLATE,
  PAGE_MARGINS_CSS,
  PAGE_MARGINS_INCH,
  PAGE_MARGINS_MM,
  TITLE_STACK,
} from './styles';
export { formPagesHtml, renderFormHtml, renderFormsHtml, type FormMeta } from './form';
export {
  FOREIGN_OFFICE,
  HMT_OFFICE,
  NOTICE_VALID_DAYS,
  STANDARD_MATERIALS,
  addDays,
  applicantIdentityOf,
  applicantNameOf,
  chinaDateOf,
  noticeFromRecord,
  officeFor,
  renderNoticeHtml,
  type NoticeData,
  type NoticeRecord,
} from './notice';
export { printFileName } from './fileName';
export { applicationNumber } from './reference';
