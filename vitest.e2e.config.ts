import { defineConfig } from 'vitest/config';

// End-to-end scenarios drive a real VS Code (code-server) in headless Chromium: one editor per test
// file (a scenario group), files run one after another (2 cores; code-server ~1.1 GB, Chromium ~1.3 GB),
// and timeouts are generous because an editor start takes seconds. Each step has its own bound.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    retry: 0,
  },
});
