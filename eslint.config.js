// ESLint: the recommended rules of JavaScript, typescript-eslint and eslint-plugin-svelte, plus the
// house rules (no `any` at boundaries). Formatting is Prettier's, so no style rules here.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['out/', 'dist/', 'build/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Prettier lays out code at 120; what it cannot break (long literals) is split by hand, but a
      // regular expression or a template of browser code stays whole.
      'max-len': ['error', { code: 120, ignoreRegExpLiterals: true, ignoreTemplateLiterals: true, ignoreUrls: true }],
    },
  },
  {
    // A test's title says the behaviour in a sentence; it stays one string.
    files: ['test/**'],
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreRegExpLiterals: true, ignoreTemplateLiterals: true },
      ],
    },
  },
  {
    // Playwright reads a fixture's needs from its destructured argument: `{}` needs none, and a
    // fixture named but unused is asked for its setup.
    files: ['test/e2e/**', 'test/electron/**'],
    rules: {
      'no-empty-pattern': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
    rules: {
      // Markup is laid out by prettier-plugin-svelte, which keeps a tag hugging its text.
      'max-len': 'off',
      // `{' '}` keeps a space Prettier would otherwise drop between inline elements.
      'svelte/no-useless-mustaches': 'off',
      // State here is replaced whole (a new Set each change), never mutated in place.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
);
