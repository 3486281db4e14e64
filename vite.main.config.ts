import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

/**
 * Builds the Node side: the Electron main process and the browser-mode host. CommonJS so that
 * Electron's main and plain Node load it the same way. The preload is built on its own
 * (vite.preload.config.ts) because a sandboxed preload must be a single file.
 */
const root = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const external = ['electron', 'better-sqlite3', 'ws', 'playwright-core', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const version = (JSON.parse(readFileSync(root('./package.json'), 'utf8')) as { version: string }).version;

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir: root('./dist/main'),
    emptyOutDir: false,
    target: 'node20',
    ssr: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        'electron-main': root('./main/electron/main.ts'),
        host: root('./main/host/cli.ts'),
      },
      external,
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
  ssr: { noExternal: true, external },
});
