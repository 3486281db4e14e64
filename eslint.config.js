// ESLint flat config. Besides the usual TypeScript and Vue rules it enforces the layer table of
// ../shared/docs/architecture.md: who may import whom (after VS Code's code-layering rule).
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeOrShell = ['electron', 'electron/*', 'better-sqlite3', 'ws', 'playwright-core'];

const layer = (message, extraPatterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...nodeModules, ...nativeOrShell].map((name) => ({ name, message })),
      patterns: [{ group: ['electron/*', ...extraPatterns], message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'tests/fixtures/lint/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  // shared/: runs anywhere — no Node, DOM-only or Electron modules, and no app layer above it
  {
    files: ['shared/**/*.ts'],
    rules: layer('shared/ runs in every layer: it may import only pure npm libraries (no Node, Electron or native modules).', [
      '**/main/**',
      '**/renderer/**',
    ]),
  },
  // renderer/: the sandboxed DOM — shared/ and browser libraries only
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer('renderer/ runs in the sandboxed page: talk to main through the bridge, never import Node, Electron or native modules.', [
      '**/main/**',
    ]),
  },
  // main/services and main/host: plain Node — never Electron, never the renderer
  {
    files: ['main/services/**/*.ts', 'main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'].map((name) => ({ name, message: 'Only main/electron/ may import electron; pass what you need in as a port.' })),
          patterns: [
            { group: ['electron/*'], message: 'Only main/electron/ may import electron.' },
            { group: ['**/renderer/**'], message: 'main/ may not import the renderer.' },
            { group: ['**/main/electron/**', '../electron/**'], message: 'Services do not know their shell: do not import main/electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ may import electron; pass what you need in as a port.' }],
          patterns: [
            { group: ['electron/*'], message: 'Only main/electron/ may import electron.' },
            { group: ['**/renderer/**'], message: 'main/ may not import the renderer.' },
            { group: ['../electron/**', '../../electron/**', '../host/**', '../../host/**'], message: 'Services do not know their shell: import neither main/electron nor main/host.' },
          ],
        },
      ],
    },
  },
  // main/electron: the shell — may import electron, shared/ and the services, never the renderer or the host
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**', '../host/**'], message: 'The Electron shell talks to the renderer only through the bridge.' }] },
      ],
    },
  },
);
