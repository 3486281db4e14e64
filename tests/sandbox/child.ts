/**
 * The sandbox bureau in a process of its own, driven over the IPC channel by tests/sandbox/process.ts:
 * the bench measures the desk without the bureau's memory and CPU in the same process, as with a
 * real bureau. argv: [clockIso]; listens on 127.0.0.1, any free port, in-memory database.
 *
 * Messages in: { id, op: 'approvePending' } · { id, op: 'seedApproved', email, receivedAt, rows }
 * · { id, op: 'close' }. Each is answered { id, ok: true, value } or { id, ok: false, error }.
 * First message out: { ready: url }.
 */
import type { DocumentKind, FormValues } from '../../shared/documents/types';
import { approveSubmission } from './review';
import { createSandbox } from './server';

/** A local application the bureau already has and approved, as the bench seeds it. */
export interface ApprovedElsewhere {
  clientId: string;
  kind: DocumentKind;
  values: FormValues;
  submittedAt: string | null;
}

export type SandboxRequest =
  | { op: 'approvePending' }
  | { op: 'seedApproved'; email: string; receivedAt: string; rows: ApprovedElsewhere[] }
  | { op: 'close' };

const send = (message: unknown) => process.send?.(message);

async function main(): Promise<void> {
  const at = process.argv[2];
  const clock = at ? () => new Date(at) : () => new Date();
  const sandbox = await createSandbox({ clock });

  const handle = async (request: SandboxRequest): Promise<unknown> => {
    switch (request.op) {
      case 'approvePending': {
        // straight from the store: the console's list carries every submission's values (photos)
        const pending = sandbox.store.submissions('pending');
        for (const s of pending) sandbox.review.approve(s.id);
        return pending.length;
      }
      case 'seedApproved': {
        const enterprise = sandbox.store.enterpriseByEmail(request.email);
        if (!enterprise) throw new Error(`the sandbox has no account ${request.email}`);
        sandbox.store.transaction(() => {
          for (const r of request.rows) {
            const submission = sandbox.store.insertSubmission({
              enterpriseId: enterprise.id,
              idempotencyKey: `${r.clientId}:1`,
              bodyHash: 'seeded-by-the-bench',
              kind: r.kind,
              clientId: r.clientId,
              revision: 1,
              values: r.values,
              submittedAt: r.submittedAt ?? request.receivedAt,
              receivedAt: request.receivedAt,
            });
            approveSubmission(sandbox.store, submission.id, clock());
          }
        });
        return request.rows.length;
      }
      case 'close':
        await sandbox.close();
        setImmediate(() => process.exit(0));
        return null;
    }
  };

  process.on('message', (message: { id: number } & SandboxRequest) => {
    handle(message).then(
      (value) => send({ id: message.id, ok: true, value }),
      (e: unknown) => send({ id: message.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
  // the parent went away: do not linger
  process.on('disconnect', () => void sandbox.close().finally(() => process.exit(0)));
  send({ ready: sandbox.url });
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox child: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
