import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'react-auth',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
