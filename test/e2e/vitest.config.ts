// The e2e suite alone: `npx vitest run -c test/e2e/vitest.config.ts`. The renderer is built first (globalSetup);
// each file also calls ensureRendererBuilt(), so the files work from the main config (`npm test`) as well.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
