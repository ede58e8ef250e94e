import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'platform-sdk', include: ['src/**/*.test.ts'] } });
