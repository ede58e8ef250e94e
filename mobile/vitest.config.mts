import { defineConfig } from 'vitest/config';

// Logic and component tests; components render through react-native-web in jsdom.
export default defineConfig({
  resolve: {
    alias: [{ find: /^react-native$/, replacement: 'react-native-web' }],
  },
  test: {
    name: 'mobile',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
  },
});
