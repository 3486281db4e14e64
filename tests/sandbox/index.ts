/** The sandbox bureau: see server.ts (routes), faults.ts (fault injection), accounts.ts (demo data). */
export { createSandbox, SANDBOX_HOST, TOKEN_TTL_MS, type Sandbox, type SandboxOptions, type SandboxReview } from './server';
export { createFaults, faultSettings, NO_FAULTS, type FaultController, type FaultPatch, type FaultSettings } from './faults';
export { DEMO_ACCOUNTS, seedCertificates, type DemoAccount } from './accounts';
export { STATE_LABELS, type SubmissionView } from './console';
export { MATERIALS, NOTICE_VALID_DAYS, ReviewError } from './review';
export { SandboxStore, type SubmissionState } from './store';
