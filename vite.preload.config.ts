import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** The sandboxed preload: one self-contained CommonJS file that may only require 'electron'. */
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist/main', import.meta.url)),
    emptyOutDir: false,
    target: 'chrome130',
    ssr: true,
    minify: false,
    rollupOptions: {
      input: { preload: fileURLToPath(new URL('./main/electron/preload.ts', import.meta.url)) },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
    },
  },
  ssr: { noExternal: true, external: ['electron'] },
});
