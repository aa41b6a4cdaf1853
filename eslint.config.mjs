// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Scripts served to browsers are linted (and typechecked by tsconfig.browser.json).
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      'coverage/',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.js',
      '!src/**/public/**/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Browser scripts: plain JavaScript with JSDoc types, checked against the DOM library.
    files: ['src/**/public/**/*.js', 'src/**/public/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './tsconfig.browser.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // TypeScript resolves every name (window, document, …) against the DOM library.
      'no-undef': 'off',
    },
  },
  { files: ['src/**/public/**/*.js'], languageOptions: { sourceType: 'script' } },
  {
    // Every API POST takes an Idempotency-Key (src/common/idempotency/idempotent-post.ts).
    files: ['src/**/*.controller.ts'],
    ignores: ['src/**/pages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Post'],
              message:
                'An API POST is @IdempotentPost (src/common/idempotency/idempotent-post.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
