// The package's own test run (`npm test -w @dodo-saas-starter/dodo-sandbox`): no database, no app.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
