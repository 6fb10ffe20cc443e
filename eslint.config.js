import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'worker/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union instead of an enum.' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces.' },
      ],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Engine code builds module code with `new Function` on purpose (see worker/runtime/instance.ts).
      '@typescript-eslint/no-implied-eval': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'idb', message: 'Only worker/storage/idb.ts touches IndexedDB.' },
            { name: 'esbuild-wasm', message: 'The engine builds modules; the page asks src/host.ts.' },
          ],
          patterns: [
            { group: ['**/worker/**', '!**/worker/api.ts', '!**/worker/main.ts'], allowTypeImports: true, message: 'The page reaches the engine only through src/host.ts (type imports are fine).' },
          ],
        },
      ],
    },
  },
  {
    files: ['worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'worker/ never imports src/.' }] }],
    },
  }
);
