/**
 * Fault injection, switchable at run time: `sandbox.faults.set({...})` or `POST /_faults` with
 * the same JSON (`GET /_faults` reads them, `DELETE /_faults` clears them). Faults apply to the
 * API under /v1 only; the reviewer console and /_faults itself are never disturbed.
 *
 * | fault | effect |
 * | --- | --- |
 * | latencyMs: number | every /v1 request waits this long before it is handled |
 * | fail5xx: n | the next n /v1 requests answer 503 (problem type …/unavailable, Retry-After: 1) |
 * | dropAfterCommit: n | the next n successful POST /v1/submissions (new or replayed) are committed, then the socket is destroyed without a response |
 * | malformedJson: n | the next n GET /v1/review-results answer 200 with a truncated JSON body |
 * | expireTokens: boolean | every known token is treated as expired: 401 problem type …/token-expired |
 * | duplicateResults: boolean | GET /v1/review-results lists every result twice |
 * | schemaBreaking: n | the next n GET /v1/review-results contain one extra item breaking the schema (decision 'MAYBE', unknown clientId) |
 *
 * Counters go down by one each time their fault fires.
 */
import { z } from 'zod';

export const faultSettings = z.strictObject({
  latencyMs: z.number().int().min(0).max(120_000),
  fail5xx: z.number().int().min(0),
  dropAfterCommit: z.number().int().min(0),
  malformedJson: z.number().int().min(0),
  expireTokens: z.boolean(),
  duplicateResults: z.boolean(),
  schemaBreaking: z.number().int().min(0),
});
export type FaultSettings = z.infer<typeof faultSettings>;
export const faultPatch = faultSettings.partial();
export type FaultPatch = z.infer<typeof faultPatch>;

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  fail5xx: 0,
  dropAfterCommit: 0,
  malformedJson: 0,
  expireTokens: false,
  duplicateResults: false,
  schemaBreaking: 0,
});

type CountedFault = 'fail5xx' | 'dropAfterCommit' | 'malformedJson' | 'schemaBreaking';

export interface FaultController {
  /** merges `patch` into the current faults; returns the result */
  set(patch: FaultPatch): FaultSettings;
  /** a copy of the current faults */
  get(): FaultSettings;
  /** no faults at all */
  reset(): FaultSettings;
  /** for the server: true (and one fewer left) when a counted fault fires now */
  take(fault: CountedFault): boolean;
}

export function createFaults(): FaultController {
  let current: FaultSettings = { ...NO_FAULTS };
  return {
    set(patch) {
      current = { ...current, ...faultPatch.parse(patch) };
      return { ...current };
    },
    get: () => ({ ...current }),
    reset() {
      current = { ...NO_FAULTS };
      return { ...current };
    },
    take(fault) {
      if (current[fault] <= 0) return false;
      current = { ...current, [fault]: current[fault] - 1 };
      return true;
    },
  };
}
