import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Imports point down: app/ → components/ → lib/ → db/; the sandbox package imports nothing of the app.
// Each folder lists the folders above it; an import of one, by alias or relative path, fails the lint.
// The configuration module is the one exception: a leaf (it imports only zod) that db/ reads too.
const CONFIG_MODULE = 'env';
const layer = (folder) => `^(@/|(\\.\\./)+)${folder}(/|$)`;
const libExceptConfig = `^(@/|(\\.\\./)+)lib(/(?!${CONFIG_MODULE}$)|$)`;
const noUpwardImports = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((regex) => ({ regex, message: `${message} (imports point down: app → components → lib → db).` })) }],
});

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
  { files: ['components/**'], rules: noUpwardImports([layer('app')], 'components/ must not import app/') },
  // A test may drive the production route handler it proves (lib/billing's webhook tests do).
  { files: ['lib/**'], ignores: ['lib/**/*.test.ts'], rules: noUpwardImports([layer('app'), layer('components')], 'lib/ must not import app/ or components/') },
  { files: ['lib/**/*.test.ts'], rules: noUpwardImports([layer('components')], 'lib/ must not import components/') },
  { files: ['db/**'], rules: noUpwardImports([layer('app'), layer('components'), libExceptConfig], 'db/ must not import lib/ (but its configuration), components/ or app/') },
];

export default config;
