/** The bureau review API client (see client.ts) and its errors (errors.ts). */
export {
  createBureauClient,
  type BureauClient,
  type BureauClientOptions,
  type InvalidReviewResult,
  type ReviewResultsPage,
  type SubmitResult,
  type TokenSource,
} from './client';
export { BureauError, isBureauError, BUREAU_ERROR_KINDS, BUREAU_ERROR_MESSAGES, type BureauErrorKind } from './errors';
