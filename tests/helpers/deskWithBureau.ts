/**
 * The whole app core on a fresh data folder against a sandbox bureau on 127.0.0.1, for the
 * integration tests that go through sign-in and sync:
 *
 *   let desk: DeskWithBureau;
 *   beforeEach(async () => {
 *     desk = await deskWithBureau({ clock, options: { backgroundJobs: false } });
 *     await desk.signIn(ZHUJIANG);
 *   });
 *   afterEach(() => desk.close());
 */
import { openApp, type AppPorts, type OpenOptions } from '../../main/services';
import type { BridgeErrorBody, Envelope } from '../../shared/bridge/envelope';
import { createSandbox, type Sandbox } from '../sandbox';
import type { DemoAccount } from '../sandbox/accounts';
import { tempDir } from './tmp';

export type DeskApp = ReturnType<typeof openApp>;

/** no background jobs, a 2 s bureau timeout, and a failed sync retried once without waiting */
export const QUIET_SYNC: OpenOptions = {
  backgroundJobs: false,
  bureauTimeoutMs: 2000,
  sync: { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, sleep: async () => undefined },
};

export interface DeskWithBureauSetup {
  /** the bureau's clock, and the app's unless `ports.now` is given */
  clock: () => Date;
  /** the app's other ports (secrets, notify, log, now) */
  ports?: Omit<Partial<AppPorts>, 'dataDir' | 'mode' | 'version' | 'defaultBureauUrl'>;
  options?: OpenOptions;
}

export interface DeskWithBureau {
  readonly app: DeskApp;
  /** the bureau serving the desk now (restartBureau replaces it) */
  readonly sandbox: Sandbox;
  readonly dataDir: string;
  /** the reply's value; a refusal throws `channel: CODE: message` with its `code` */
  call<T>(channel: string, payload: unknown): Promise<T>;
  /** the refusal of a request expected to be refused */
  refused(channel: string, payload: unknown): Promise<BridgeErrorBody>;
  /** auth:login as `who`, then the sign-in's own first sync (which may fail: the tests do not look at it) */
  signIn(who: Pick<DemoAccount, 'email' | 'password'>): Promise<void>;
  /** closes the bureau if still open and starts a fresh one (seeded anew, same clock) on its port */
  restartBureau(): Promise<Sandbox>;
  /** closes the app and the bureau, removes the data folder */
  close(): Promise<void>;
}

export async function deskWithBureau(setup: DeskWithBureauSetup): Promise<DeskWithBureau> {
  const { clock } = setup;
  let sandbox = await createSandbox({ clock });
  const { dir: dataDir, cleanup } = tempDir();
  let app: DeskApp;
  try {
    app = openApp({ dataDir, mode: 'browser', version: 'test', now: clock, defaultBureauUrl: sandbox.url, ...setup.ports }, setup.options);
  } catch (e) {
    await sandbox.close();
    cleanup();
    throw e;
  }

  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const e = (await app.dispatch(channel, payload)) as Envelope<T>;
    if (!e.ok) throw Object.assign(new Error(`${channel}: ${e.error.code}: ${e.error.message}`), { code: e.error.code });
    return e.value;
  };

  return {
    app,
    get sandbox() {
      return sandbox;
    },
    dataDir,
    call,
    async refused(channel, payload) {
      const e = await app.dispatch(channel, payload);
      if (e.ok) throw new Error(`${channel} was expected to be refused`);
      return e.error;
    },
    async signIn(who) {
      await call('auth:login', { email: who.email, password: who.password });
      await app.core.sync.run().catch(() => undefined);
    },
    async restartBureau() {
      await sandbox.close();
      sandbox = await createSandbox({ clock, port: sandbox.port });
      return sandbox;
    },
    async close() {
      app.close();
      await sandbox.close();
      cleanup();
    },
  };
}
