import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The sandbox is a package of its own: nothing of the app may leak into it.
    files: ['packages/dodo-sandbox/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/*', '**/app/**', '**/components/**', '**/lib/**', '**/db/**', '**/scripts/**', '**/test/**'], message: 'The sandbox imports nothing of the app.' }] }],
    },
  },
];

export default config;
