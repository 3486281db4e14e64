import type { DocumentKind } from '../types';
import { workPermitNoEntryCheck } from '../numbers';

/** The approvals that carry a work permit's number and its current expiry (the number pages' sources). */
export const WP_PERMIT_SOURCES: readonly DocumentKind[] = ['wp-permit', 'wp-extension', 'wp-change', 'wp-reissue'];

/** The number page of every procedure on an existing permit: 工作许可证号码. */
export const WP_PERMIT_NUMBER_ENTRY = {
  label: '工作许可证号码',
  labelEn: 'Work permit number',
  fieldKey: 'wpPermit.no',
  sourceKinds: WP_PERMIT_SOURCES,
  validate: workPermitNoEntryCheck('permit'),
} as const;

/** …and its prefill: the employer and the person from the permit's latest approval. */
export const WP_PERMIT_PREFILL = {
  from: WP_PERMIT_SOURCES,
  copy: ['employer.', 'person.'],
  numberField: 'wpPermit.no',
  expiryField: 'wpPermit.expiry',
} as const;
