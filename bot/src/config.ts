import { z } from 'zod';

/** `1:tokA,2:tokB` → {1: 'tokA', 2: 'tokB'}: one bot token per Chatwoot account. */
const tokenMap = z
  .string()
  .transform((s, ctx) => {
    const map = new Map<number, string>();
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const m = /^(\d+):(\S+)$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'expected comma-separated "<account id>:<token>" pairs' });
        return z.NEVER;
      }
      map.set(Number(m[1]), m[2]!);
    }
    return map;
  });

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Where VAs reach this server (links in private notes); defaults to localhost:PORT. */
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CHATWOOT_BASE_URL: z.url({ message: 'CHATWOOT_BASE_URL must be the http(s) URL of your Chatwoot, e.g. https://chat.example.com' }),
    /** Token of the Agent Bot, used for every account unless CHATWOOT_BOT_TOKENS names one. */
    CHATWOOT_BOT_TOKEN: z.string().min(1).optional(),
    CHATWOOT_BOT_TOKENS: tokenMap.optional(),
    /** The bot's `secret` (Chatwoot ≥ 4.13). Unset = accept unsigned deliveries (older installs). */
    CHATWOOT_WEBHOOK_SECRET: z.string().min(8).optional(),
    WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(300),
    WEBHOOK_MAX_BYTES: z.coerce.number().int().positive().default(1_000_000),
    CHATWOOT_RATE_PER_SECOND: z.coerce.number().positive().default(10),
    CHATWOOT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    SBF_VAULT_DIR: z.string().min(1).default('./data/vault'),
    DATA_DIR: z.string().min(1).default('./data'),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
    /** Give up on a job only after this long; until then it is retried with backoff. */
    JOB_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
  });

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL,
    chatwoot: {
      baseUrl: env.CHATWOOT_BASE_URL.replace(/\/+$/, ''),
      defaultToken: env.CHATWOOT_BOT_TOKEN,
      tokens: env.CHATWOOT_BOT_TOKENS ?? new Map<number, string>(),
      ratePerSecond: env.CHATWOOT_RATE_PER_SECOND,
      timeoutMs: env.CHATWOOT_TIMEOUT_MS,
    },
    webhook: {
      secret: env.CHATWOOT_WEBHOOK_SECRET,
      maxAgeSeconds: env.WEBHOOK_MAX_AGE_SECONDS,
      maxBytes: env.WEBHOOK_MAX_BYTES,
    },
    vaultDir: env.SBF_VAULT_DIR,
    dataDir: env.DATA_DIR,
    worker: { concurrency: env.WORKER_CONCURRENCY, maxAgeMs: env.JOB_MAX_AGE_HOURS * 3_600_000 },
  };
}

export class ConfigError extends Error {}

/** Validates the environment once, at start; the message names every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  if (!env.CHATWOOT_BOT_TOKEN && !env.CHATWOOT_BOT_TOKENS) {
    lines.push('  CHATWOOT_BOT_TOKEN: set the Agent Bot access token, or CHATWOOT_BOT_TOKENS="<account>:<token>,…"');
  }
  if (!parsed.success || lines.length) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}
