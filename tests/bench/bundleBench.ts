/**
 * The built renderer (dist/renderer): total size of its JavaScript and CSS, and the gzip size of
 * the first screen's JavaScript: the entry script of index.html, its modulepreload links, and
 * every module they import statically (followed through the chunks), dynamic imports excluded.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Metric } from './report';
import { KB } from './stats';

const ASSET = /\.(m?js|css)$/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The entry script and modulepreload hrefs of index.html, as paths under `dir`. */
export function firstScreenRefs(indexHtml: string): string[] {
  const refs: string[] = [];
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];
    if (tag.startsWith('<script') && attr('type') === 'module' && attr('src')) refs.push(attr('src') as string);
    if (tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href')) refs.push(attr('href') as string);
  }
  return refs;
}

/** Relative specifiers a chunk imports statically: `import … from "./x.js"` and `import "./x.js"`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.m?js)["']/g)) found.add(m[1] as string);
  return [...found];
}

export function firstScreenChunks(dir: string): string[] {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = firstScreenRefs(html).map((ref) => path.resolve(dir, ref));
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file) || !/\.m?js$/.test(file)) continue;
    if (!fs.existsSync(file)) throw new Error(`index.html refers to a missing chunk ${path.relative(dir, file)}`);
    seen.add(file);
    for (const spec of staticImports(fs.readFileSync(file, 'utf8'))) queue.push(path.resolve(path.dirname(file), spec));
  }
  return [...seen].sort();
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export function bundleBench(rendererDir: string): Metric[] {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir}/index.html is missing: run \`npm run build\` first (\`npm run bench\` does)`);
  }
  const assets = filesUnder(rendererDir).filter((f) => ASSET.test(f));
  const js = assets.filter((f) => /\.m?js$/.test(f));
  const bytes = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const first = firstScreenChunks(rendererDir);
  const firstGzip = first.reduce((n, f) => n + gzipSize(f), 0);
  const largest = [...js].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  return [
    {
      name: 'renderer bundle (js + css)',
      value: bytes(assets) / KB,
      unit: 'KiB',
      note: `${assets.length} files, ${(bytes(js) / KB).toFixed(0)} KiB JavaScript (largest ${largest ? path.basename(largest) : '—'}, the lazily loaded PDF.js worker included), ${((bytes(assets) - bytes(js)) / KB).toFixed(0)} KiB CSS`,
    },
    {
      name: 'first-screen JS, gzip',
      value: firstGzip / KB,
      unit: 'KiB',
      target: { op: '<=', value: 400 },
      note: `gzip -9 of ${first.length} chunks (entry + modulepreload + static imports): ${first.map((f) => `${path.basename(f)} ${(gzipSize(f) / KB).toFixed(1)}`).join(', ')}; ${(bytes(first) / KB).toFixed(0)} KiB raw`,
    },
  ];
}
