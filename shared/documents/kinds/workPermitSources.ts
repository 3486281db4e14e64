import type { DocumentKind } from '../types';

/** The approvals that carry a work permit's number and its current expiry (the number pages' sources). */
export const WP_PERMIT_SOURCES: readonly DocumentKind[] = ['wp-permit', 'wp-extension', 'wp-change', 'wp-reissue'];
