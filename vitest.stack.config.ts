// The multi-instance test (`npm run test:stack`): the production build behind nginx and PgBouncer.
// It needs a build, so it runs after the e2e tests in `npm test`, not with the unit tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['test/stack/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
