import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: { name: 'dashboard-app', environment: 'jsdom', include: ['src/**/*.spec.ts'] },
  }),
);
