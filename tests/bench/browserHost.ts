/** The built browser-mode host (dist/main/host.cjs) as a child process, the way a user starts it. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface RunningHost {
  /** http://127.0.0.1:PORT/?token=… */
  url: string;
  /** ms from spawn to the URL line on stdout */
  urlAfterMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Hosts still running: killed by killHosts() when the bench is interrupted. */
const running = new Set<ChildProcess>();

export function killHosts(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

const URL_LINE = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m;

/** Spawns the host at `spawnedAt` (performance.now()) and waits for its URL line. */
export async function startHost(hostFile: string, env: Record<string, string>): Promise<RunningHost & { spawnedAt: number }> {
  if (!fs.existsSync(hostFile)) throw new Error(`${hostFile} is missing: run \`npm run build\` first (\`npm run bench\` does)`);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [hostFile], { env: { ...process.env, PERMIT_DESK_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the host did not print its URL within 20 s\n${out}\n${stderr}`)), 20_000);
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = URL_LINE.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited with ${code}\n${out}\n${stderr}`));
      });
    });
    return { url, urlAfterMs: performance.now() - spawnedAt, spawnedAt, child, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
