import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { projects: ['shared', 'bot', 'dashboard-app', 'test'] },
});
