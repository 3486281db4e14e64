/**
 * Starts the sandbox bureau for demos and manual testing:
 *
 *     npm run sandbox          # tsx tests/sandbox/cli.ts
 *
 * SANDBOX_PORT (default 47110, the app's default bureau URL) and SANDBOX_DB (default a file in
 * the OS temp folder, kept between runs) choose the port and the database. Binds 127.0.0.1 only.
 * Ctrl+C stops it.
 */
import os from 'node:os';
import path from 'node:path';
import { createSandbox } from './server';

const DEFAULT_PORT = 47110;

function portFromEnv(): number {
  const raw = process.env.SANDBOX_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`SANDBOX_PORT must be a port number (0–65535), not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const dbFile = process.env.SANDBOX_DB || path.join(os.tmpdir(), 'permit-desk-sandbox-bureau.sqlite');
  const sandbox = await createSandbox({ port: portFromEnv(), dbFile });
  const lines = [
    '沙箱劳动就业管理机构已启动 / Sandbox bureau running',
    `  API            ${sandbox.url}   (OpenAPI: ${sandbox.url}/openapi.json)`,
    `  审核台 console  ${sandbox.consoleUrl}`,
    `  故障 faults     ${sandbox.url}/_faults   (POST JSON, e.g. {"fail5xx":2}; DELETE clears)`,
    `  数据库 database ${dbFile}`,
    '  演示账号 demo accounts (email / password):',
    ...sandbox.accounts.map((a) => `    ${a.email} / ${a.password}   ${a.profile.name}`),
    '按 Ctrl+C 停止 / Ctrl+C to stop',
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
