/**
 * A private copy of the built browser-mode host for a long run: host.cjs, the chunks it requires
 * and the renderer, in a temporary folder, so that a `npm run build` by someone else during an
 * hour-long soak cannot swap files under the running host. Its bare imports (better-sqlite3, ws,
 * playwright-core…, required or imported) resolve through a node_modules link to the repository's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchTempDir } from './benchApp';

const RELATIVE_REQUIRE = /require\("(\.\/[^"]+\.cjs)"\)/g;

/** Copies `file` and, transitively, every relative .cjs it requires, from `fromDir` to `toDir`. */
function copyWithRequires(fromDir: string, toDir: string, file: string, done: Set<string>): void {
  if (done.has(file)) return;
  done.add(file);
  const source = path.join(fromDir, file);
  fs.mkdirSync(path.dirname(path.join(toDir, file)), { recursive: true });
  fs.copyFileSync(source, path.join(toDir, file));
  const text = fs.readFileSync(source, 'utf8');
  for (const m of text.matchAll(RELATIVE_REQUIRE)) {
    copyWithRequires(fromDir, toDir, path.join(path.dirname(file), m[1] as string), done);
  }
}

export interface HostSnapshot {
  hostFile: string;
  /** when dist/main/host.cjs was built */
  builtAt: Date;
}

export function snapshotHost(root: string): HostSnapshot {
  const dist = path.join(root, 'dist');
  const built = path.join(dist, 'main', 'host.cjs');
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (\`npm run bench\` does)`);
  const copy = benchTempDir('soak-host');
  copyWithRequires(path.join(dist, 'main'), path.join(copy, 'main'), 'host.cjs', new Set());
  fs.cpSync(path.join(dist, 'renderer'), path.join(copy, 'renderer'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return { hostFile: path.join(copy, 'main', 'host.cjs'), builtAt: fs.statSync(built).mtime };
}
