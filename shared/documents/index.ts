/** Document kinds as data: definitions, registry and helpers. */
export * from './types';
export {
  defineDocument,
  maxLengthOf,
  type DocumentKindDef,
  type DocumentSpec,
  type EventDeadlineSpec,
  type FormInfo,
  type ListSpec,
  type PrefillSpec,
  type CancellationSpec,
  type RenewalSpec,
  type Rule,
  type SectionSpec,
} from './define';
export { DOCUMENTS, documentDef, isDocumentKind } from './registry';
export * from './numbers';
export * from './prefill';
export * from './queryPages';
export * from './tips';
export { WP_CANCELLATION_REASONS, WP_CHANGE_ITEMS, WP_EVENT_DAYS, WP_REISSUE_REASONS } from './workPermitSections';
export {
  EDUCATION_LEVELS,
  EMPLOYER_TYPES,
  EXEMPTION_CATEGORIES,
  GUANGZHOU_DISTRICTS,
  HMT_DOC_TYPE_OPTIONS,
  HMT_RESIDENT_TYPE_OPTIONS,
  MARITAL_STATUSES,
  PASSPORT_TYPES,
  POLICE_OPINIONS,
  PRIOR_CHINA_WORK,
  SEXES,
  VISA_TYPES,
} from './sections';
