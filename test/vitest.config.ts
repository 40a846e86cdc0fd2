import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'test',
    include: ['src/**/*.spec.ts', 'e2e/**/*.spec.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
    // e2e files mostly wait on child processes (the bot, the simulator's retries), so they run
    // several at a time even on a 2-core runner, where vitest would default to one worker.
    // A project with its own maxWorkers needs its own group; it runs after the unit tests.
    maxWorkers: 3,
    sequence: { groupOrder: 1 },
  },
});
