import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      '**/node_modules/',
      '**/generated/',
      '**/storybook-static/',
      '**/coverage/',
      '**/.angular/',
      '**/.ngc-out/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/components/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/components/**/*.ts'],
    ...wc.configs['flat/best-practice'],
  },
  prettier,
);
