import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'test',
    include: ['src/**/*.spec.ts', 'e2e/**/*.spec.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
