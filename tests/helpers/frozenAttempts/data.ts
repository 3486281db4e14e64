/**
 * Payloads aimed at a submitted record for every channel of shared/bridge/channels/data.ts: the
 * lifecycle test sends each one and checks that the stored record did not change.
 *
 * None of these channels takes a record id: an import only adds drafts, an export and a backup
 * only read, and a restore refuses anything that is not a checked Permit Desk backup. The
 * payloads try what comes closest: an import whose "row" carries the record's id, and a restore
 * of a file made to look like a database that would replace it.
 */
export function dataAttempts(recordId: string): Record<string, unknown> {
  const fakeBackup = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096 - 16, 0)]);
  fakeBackup.writeUInt16BE(4096, 16);
  return {
    'data:template': { kind: 'license' },
    'data:import': {
      kind: 'license',
      base64: Buffer.from(`id,外文姓名\n${recordId},CHANGED\n`).toString('base64'),
      fileName: `${recordId}.xlsx`,
    },
    'data:export': { kind: 'license', filter: { submitState: '已提交' } },
    'data:exportRoster': { query: recordId },
    'backup:create': {},
    'backup:inspect': { base64: fakeBackup.toString('base64') },
    'backup:restore': { base64: fakeBackup.toString('base64') },
    'backup:settings:get': {},
    'backup:settings:save': { autoDaily: false, keep: 1 },
  };
}
