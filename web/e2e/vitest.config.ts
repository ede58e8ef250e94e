import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium against the built web, one file at a time (they start servers).
export default defineConfig({
  test: {
    name: 'web-e2e',
    include: ['**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
