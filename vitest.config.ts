import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/vscode/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: protocol tests spawn servers; keep the pool small so they do not starve each other.
    maxWorkers: 2,
  },
});
