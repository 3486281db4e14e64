/** The reply envelope of every bridge call (Signal Desktop's shape). */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'BAD_REQUEST',
  'NOT_SIGNED_IN',
  'NOT_FOUND',
  'INVALID_STATE',
  'SUBMIT_BLOCKED',
  /** the user must choose first (e.g. a document number held by another person: same person or a new one?) */
  'CONFLICT',
  'INVALID_INPUT',
  'NOT_AVAILABLE',
  'OFFLINE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BridgeErrorBody {
  code: ErrorCode;
  /** plain Chinese, then English: "中文 / English" */
  message: string;
  /** per-field messages, keyed by field key */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorBody };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
): Envelope<never> => ({ ok: false, error: fields ? { code, message, fields } : { code, message } });

/** Thrown by services; turned into an error envelope at the bridge. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
