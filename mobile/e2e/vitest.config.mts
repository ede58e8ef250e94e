import { defineConfig } from 'vitest/config';

// Browser test: the exported web build in real Chromium against the real services it starts.
export default defineConfig({
  test: {
    name: 'mobile-e2e',
    include: ['**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
