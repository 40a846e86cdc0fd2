import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BotProcess {
  url: string;
  port: number;
  pid: number;
  logs: string[];
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no cleanup. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts the real bot (`bot/src/main.ts`) as a child process, on a free port. */
export async function startBot(
  env: Record<string, string>,
  /**
   * `maxLogLines`: keep only the newest lines (long runs log a line per request).
   * `entry`: a prebuilt bundle (`buildBot()`, the e2e global setup) to run instead of the sources via tsx.
   */
  opts: { timeoutMs?: number; maxLogLines?: number; entry?: string } = {},
): Promise<BotProcess> {
  const args = opts.entry ? [opts.entry] : ['--import', 'tsx', resolve(repo, 'bot/src/main.ts')];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: resolve(repo, 'bot'),
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => {
      // Never leave a half-started bot behind: it would keep the port, the data dir and a CPU.
      child.kill('SIGKILL');
      rej(new Error(`bot did not start:\n${logs.join('\n')}`));
    }, opts.timeoutMs ?? 15000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        if (logs.length > (opts.maxLogLines ?? Infinity) * 2) logs.splice(0, logs.length - opts.maxLogLines!);
        if (line.includes('"sbf-chatwoot bot listening"')) {
          clearTimeout(timer);
          res(JSON.parse(line).port);
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`bot exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    logs,
    exited,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
