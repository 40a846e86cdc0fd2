import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildBot } from './bot-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled bot for this run (`startBot(env, { entry })`); rebuilt when watch mode reruns. */
    botEntry: string;
  }
}

export default async function setup(project: TestProject) {
  const entry = await buildBot();
  project.provide('botEntry', entry);
  project.onTestsRerun(async () => {
    await buildBot(entry);
  });
  return () => rmSync(entry, { force: true });
}
