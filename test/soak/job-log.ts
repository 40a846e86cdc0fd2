import type { LoadWorld } from '../bench/world.ts';

/** A job's log line, as the bot writes it (pino JSON with the worker's child fields). */
export interface JobLine {
  time: number;
  conv: string;
  msg: string;
  err?: string;
  attempt?: number;
}

/**
 * Keeps the bot's job log lines (the worker's child logger tags them with `jobId`) across
 * restarts, and drops the rest (one access-log line per request would swamp a long run).
 */
export function keepJobLog(world: LoadWorld) {
  const lines: JobLine[] = [];
  const take = () => {
    for (const raw of world.bot.logs.splice(0)) {
      if (!raw.includes('"jobId"')) continue;
      try {
        const l = JSON.parse(raw) as JobLine;
        lines.push({ time: l.time, conv: l.conv, msg: l.msg, err: typeof l.err === 'string' ? l.err : undefined, attempt: l.attempt });
      } catch {
        // a partial line from a killed process
      }
    }
  };
  const timer = setInterval(take, 100);
  return {
    lines,
    /** Call before the bot process is replaced, so its last lines are kept. */
    take,
    stop: () => {
      clearInterval(timer);
      take();
    },
  };
}
