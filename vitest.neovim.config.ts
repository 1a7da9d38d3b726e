import { defineConfig } from 'vitest/config';

// The Neovim LSP check (npm run test:neovim): needs nvim on PATH, so it is kept out of plain
// `npm test` (vitest.config.ts excludes test/neovim) and fails with instructions when nvim is missing.
// One nvim run, bounded by `timeout 60` inside the test.
export default defineConfig({
  test: {
    include: ['test/neovim/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    maxWorkers: 1,
    retry: 0,
  },
});
