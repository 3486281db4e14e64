/**
 * Payloads aimed at a submitted record for every channel of shared/bridge/channels/data.ts: the
 * lifecycle test sends each one and checks that the stored record did not change.
 *
 * Files travel by id (issue: hostile files): the payloads try an id main never handed out and one
 * shaped like a path into the data folder.
 */
export function dataAttempts(recordId: string): Record<string, unknown> {
  const unknownFile = 'A'.repeat(32);
  return {
    'data:template': { kind: 'license' },
    'data:import': { kind: 'license', fileId: unknownFile },
    'data:export': { kind: 'license', filter: { submitState: '已提交' } },
    'data:exportRoster': { query: recordId },
    'backup:create': {},
    'backup:inspect': { fileId: unknownFile },
    'backup:restore': { fileId: '../../permit-desk.sqlite', dataOnly: true },
    'backup:settings:get': {},
    'backup:settings:save': { autoDaily: false, keep: 1 },
    'file:pickOpen': { purpose: 'backup' },
    'file:saveAs': { fileId: unknownFile },
    'file:discard': { fileId: unknownFile },
  };
}
