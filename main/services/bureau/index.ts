/** The bureau review API client (see client.ts) and its errors (errors.ts). */
export {
  createBureauClient,
  type BureauClient,
  type BureauClientOptions,
  type InvalidPermit,
  type InvalidReviewResult,
  type PermitsPage,
  type ReviewResultsPage,
  type SubmitResult,
  type TokenSource,
} from './client';
export { bindToken, bureauAddress, isLoopbackHost, unbindToken, type BureauAddress } from './origin';
export { BureauError, isBureauError, BUREAU_ERROR_KINDS, BUREAU_ERROR_MESSAGES, type BureauErrorKind } from './errors';
export { Reachability, reachabilityOf, reachedBy, tracked, NO_BUREAU_ADDRESS, type BureauStatus } from './reachability';
