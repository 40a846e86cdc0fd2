import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config.ts';

/** Exit statuses every command shares: bad arguments, and configuration missing (sysexits' EX_CONFIG). */
export const EXIT_USAGE = 2;
export const EXIT_CONFIG = 78;

/**
 * What each `cli/*.ts` does before its own work, said once: a failure prints the command's name,
 * the reason and the usage to stderr and exits non-zero; `--help` prints the usage and exits 0.
 */
export function command(name: string, usage: string) {
  // Output piped into `head` and the like: the reader has all it wants, which is no error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  const fail = (code: number, message: string): never => {
    process.stderr.write(`${name}: ${message}\n\n${usage}\n`);
    process.exit(code);
  };
  return {
    fail,
    /** `node:util` parseArgs (strict), plus `-h`/`--help`. */
    args<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
      const withHelp = { ...config, strict: true, options: { ...config.options, help: { type: 'boolean', short: 'h' } } } as const;
      let parsed: ReturnType<typeof parseArgs<T>>;
      try {
        parsed = parseArgs(withHelp) as unknown as ReturnType<typeof parseArgs<T>>;
      } catch (err) {
        return fail(EXIT_USAGE, (err as Error).message);
      }
      if ((parsed.values as { help?: boolean }).help) {
        process.stdout.write(`${usage}\n`);
        process.exit(0);
      }
      return parsed;
    },
    /** The environment's settings for this command; a missing or bad one ends it with EXIT_CONFIG. */
    config<C>(load: (env: NodeJS.ProcessEnv) => C): C {
      try {
        return load(process.env);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        return fail(EXIT_CONFIG, err.message);
      }
    },
    /** A configured folder the command reads, made absolute; a missing one ends it with EXIT_CONFIG. */
    existingDir(setting: string, dir: string): string {
      const full = resolve(dir);
      return existsSync(full) ? full : fail(EXIT_CONFIG, `${setting} ${full} does not exist`);
    },
  };
}
