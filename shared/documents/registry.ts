/** Every document kind, by its code. A new kind: its module under kinds/ and one line here. */
import type { DocumentKindDef } from './define';
import { extension } from './kinds/extension';
import { hmtExtension } from './kinds/hmtExtension';
import { hmtPermit } from './kinds/hmtPermit';
import { license } from './kinds/license';
import { recruitment } from './kinds/recruitment';
import { registrationExempt } from './kinds/registrationExempt';
import { registrationLicensed } from './kinds/registrationLicensed';
import { workPermit } from './kinds/workPermit';
import { workPermitCancellation } from './kinds/workPermitCancellation';
import { workPermitChange } from './kinds/workPermitChange';
import { workPermitExtension } from './kinds/workPermitExtension';
import { workPermitNotice } from './kinds/workPermitNotice';
import { workPermitReissue } from './kinds/workPermitReissue';
import { DOCUMENT_KINDS, type DocumentKind } from './types';

/** Typed as the DocumentDef subtype DocumentKindDef, so list/prefill data is reachable too. */
export const DOCUMENTS: Readonly<Record<DocumentKind, DocumentKindDef>> = {
  license,
  recruitment,
  'registration-licensed': registrationLicensed,
  'registration-exempt': registrationExempt,
  extension,
  'hmt-permit': hmtPermit,
  'hmt-extension': hmtExtension,
  'wp-notice': workPermitNotice,
  'wp-permit': workPermit,
  'wp-extension': workPermitExtension,
  'wp-change': workPermitChange,
  'wp-cancellation': workPermitCancellation,
  'wp-reissue': workPermitReissue,
};

export function documentDef(kind: DocumentKind): DocumentKindDef {
  return DOCUMENTS[kind];
}

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}
