/** Print templates: pure functions from record data to complete HTML documents. */
export { escapeHtml, safePhotoUrl } from './html';
export { BLANK_DATE, fitClass, formatDate, printedValue, textUnits, type FitClass } from './format';
export {
  BASE_CSS,
  CJK_STACK,
  FONT_STACK,
  PAGE_FOOTER_TEMPLATE,
  PAGE_HEADER_TEMPLATE,
  PAGE_MARGINS_CSS,
  PAGE_MARGINS_INCH,
  PAGE_MARGINS_MM,
} from './styles';
export { renderFormHtml, type FormMeta } from './form';
export {
  FOREIGN_OFFICE,
  HMT_OFFICE,
  NOTICE_VALID_DAYS,
  STANDARD_MATERIALS,
  addDays,
  applicantNameOf,
  chinaDateOf,
  noticeFromRecord,
  officeFor,
  renderNoticeHtml,
  type NoticeData,
  type NoticeRecord,
} from './notice';
export { printFileName } from './fileName';
