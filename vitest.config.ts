import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/neovim needs nvim: it runs with `npm run test:neovim` (vitest.neovim.config.ts).
    exclude: ['test/e2e/**', 'test/vscode/**', 'test/neovim/**', '**/node_modules/**'],
    // A temporary HOME and state folder: no test writes the user's secret history.
    globalSetup: ['test/setup/privateHome.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: protocol tests spawn servers; keep the pool small so they do not starve each other.
    maxWorkers: 2,
  },
});
