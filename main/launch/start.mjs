#!/usr/bin/env node
// `npm start`: launch the Electron app when its runtime is installed; otherwise try to fetch it
// once (electron's own install.js), and if that fails say so in one line and start browser mode.
// `npm run start:browser` (--browser) always starts browser mode. Plain JS: it runs before any build.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const forceBrowser = process.argv.includes('--browser');

function electronBinary() {
  try {
    const p = require('electron'); // the package exports the binary's path, or throws when missing
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const outputs = ['dist/main/host.cjs', 'dist/main/electron-main.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html'].map((f) => path.join(root, f));
  const built = outputs.every((f) => fs.existsSync(f)) ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) : 0;
  const sources = Math.max(...['main', 'renderer', 'shared'].map((d) => newestMtime(path.join(root, d))));
  if (built > sources) return;
  console.log('正在构建 Permit Desk… / Building Permit Desk…');
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function run(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

let binary = forceBrowser ? null : electronBinary();
if (!forceBrowser && !binary) {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (fs.existsSync(installer)) {
    spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'ignore', timeout: 120_000 });
    binary = electronBinary();
  }
  if (!binary) {
    console.log('未安装 Electron 运行时且无法下载，改用浏览器模式 / Electron runtime is not installed and could not be downloaded; starting browser mode instead.');
  }
}

buildIfNeeded();
if (binary) run(binary, ['.'], {});
else run(process.execPath, [path.join(root, 'dist', 'main', 'host.cjs')], {});
