import { defineConfig } from 'vitest/config';

// One runner for the whole repo: each package keeps its own vitest.config.ts as a project.
export default defineConfig({
  test: {
    projects: [
      'shared',
      'client',
      'backend',
      'platform/*',
      'web',
      'web/e2e',
      'mobile',
      'mobile/e2e',
    ],
  },
});
