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
    /** Link to a task in the private note; `{uid}` is replaced. E.g. your SBF web UI or an Obsidian URI. */
    SBF_TASK_URL_TEMPLATE: z.string().includes('{uid}', { message: 'SBF_TASK_URL_TEMPLATE must contain {uid}' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CHATWOOT_BASE_URL: z.url({ message: 'CHATWOOT_BASE_URL must be the http(s) URL of your Chatwoot, e.g. https://chat.example.com' }),
    /** Token of the Agent Bot, used for every account unless CHATWOOT_BOT_TOKENS names one. */
    CHATWOOT_BOT_TOKEN: z.string().min(1).optional(),
    CHATWOOT_BOT_TOKENS: tokenMap.optional(),
    /**
     * An agent's or admin's profile token (a person's secret): lets the bot read what bot tokens
     * may not, the accounts' canned responses and agents' presence. Unset = SOPs and the vault only.
     */
    CHATWOOT_USER_TOKEN: z.string().min(1).optional(),
    /** The bot's `secret` (Chatwoot ≥ 4.13). Unset = accept unsigned deliveries (older installs). */
    CHATWOOT_WEBHOOK_SECRET: z.string().min(8).optional(),
    WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(300),
    WEBHOOK_MAX_BYTES: z.coerce.number().int().positive().default(1_000_000),
    CHATWOOT_RATE_PER_SECOND: z.coerce.number().positive().default(10),
    CHATWOOT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    SBF_VAULT_DIR: z.string().min(1).default('./data/vault'),
    DATA_DIR: z.string().min(1).default('./data'),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(16),
    /** Give up on a job only after this long; until then it is retried with backoff. */
    JOB_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
    /** Finished jobs (and their dedupe keys) are deleted after this many days. */
    JOB_RETENTION_DAYS: z.coerce.number().positive().default(7),
    /**
     * Labelled past questions (JSON lines, as bot/eval/*.jsonl), comma-separated files or directories of them: a question
     * much like one of them decides as it did (ADR 016). Unset = none.
     */
    PRECEDENTS: z
      .string()
      .optional()
      .transform((s) => (s ?? '').split(',').map((p) => p.trim()).filter(Boolean)),
    /** How often the bot looks for learned precedents removed from its store (`pnpm precedents --remove`) and for changed PRECEDENTS files. */
    PRECEDENTS_RECHECK_SECONDS: z.coerce.number().positive().default(30),
    /** Optional answer composer: any OpenAI-compatible API. Off unless both URL and model are set. */
    LLM_BASE_URL: z.url().optional(),
    LLM_MODEL: z.string().min(1).optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(2500),
    /** Signs dashboard app tokens. Unset = the dashboard API answers 503. */
    APP_SECRET: z.string().min(32, { message: 'APP_SECRET must be at least 32 characters (e.g. openssl rand -hex 32)' }).optional(),
    /** Origin of the Chatwoot web UI that frames the dashboard app; defaults to CHATWOOT_BASE_URL's. */
    CHATWOOT_DASHBOARD_ORIGIN: z.url().optional(),
    /** An administrator's access token for Help Center articles (publish-sops); per account in CHATWOOT_ADMIN_TOKENS. */
    CHATWOOT_ADMIN_TOKEN: z.string().min(1).optional(),
    CHATWOOT_ADMIN_TOKENS: tokenMap.optional(),
    /** Chatwoot user id credited as the articles' author; unset = the admin token's own profile. */
    CHATWOOT_HELP_CENTER_AUTHOR_ID: z.coerce.number().int().positive().optional(),
    /** Chatwoot's HELPCENTER_URL, if set there; article links default to CHATWOOT_BASE_URL. */
    CHATWOOT_HELP_CENTER_URL: z.url().optional(),
    /** Bearer secret for `POST /admin/publish-sops`. Unset = that endpoint answers 503. */
    ADMIN_API_TOKEN: z.string().min(16, { message: 'ADMIN_API_TOKEN must be at least 16 characters (e.g. openssl rand -hex 32)' }).optional(),
  });

export type Config = ReturnType<typeof toConfig>;

type Env = z.infer<typeof envSchema>;

/** Help Center publishing: admin tokens belong to people, so they never double as the bot's. */
function toPublishConfig(env: Pick<Env, 'CHATWOOT_BASE_URL' | 'CHATWOOT_ADMIN_TOKEN' | 'CHATWOOT_ADMIN_TOKENS' | 'CHATWOOT_HELP_CENTER_AUTHOR_ID' | 'CHATWOOT_HELP_CENTER_URL' | 'ADMIN_API_TOKEN'>) {
  return {
    adminToken: env.CHATWOOT_ADMIN_TOKEN,
    adminTokens: env.CHATWOOT_ADMIN_TOKENS ?? new Map<number, string>(),
    authorId: env.CHATWOOT_HELP_CENTER_AUTHOR_ID,
    helpCenterUrl: (env.CHATWOOT_HELP_CENTER_URL ?? env.CHATWOOT_BASE_URL).replace(/\/+$/, ''),
    apiToken: env.ADMIN_API_TOKEN,
  };
}
export type PublishConfig = ReturnType<typeof toPublishConfig>;

/** Where VAs reach the bot: PUBLIC_URL, else this machine on PORT. */
const publicUrlOf = (env: { PUBLIC_URL?: string; PORT: number }) =>
  (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');

function toConfig(env: z.infer<typeof envSchema>) {
  const publicUrl = publicUrlOf(env);
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    taskUrlTemplate:
      env.SBF_TASK_URL_TEMPLATE ?? `${publicUrl}/app/#task={uid}`,
    logLevel: env.LOG_LEVEL,
    chatwoot: {
      baseUrl: env.CHATWOOT_BASE_URL.replace(/\/+$/, ''),
      defaultToken: env.CHATWOOT_BOT_TOKEN,
      tokens: env.CHATWOOT_BOT_TOKENS ?? new Map<number, string>(),
      userToken: env.CHATWOOT_USER_TOKEN,
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
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      maxAgeMs: env.JOB_MAX_AGE_HOURS * 3_600_000,
      retentionMs: env.JOB_RETENTION_DAYS * 86_400_000,
    },
    precedentFiles: env.PRECEDENTS,
    precedentsRecheckMs: env.PRECEDENTS_RECHECK_SECONDS * 1000,
    composer: composerOf(env),
    dashboard: {
      appSecret: env.APP_SECRET,
      chatwootOrigin: new URL(env.CHATWOOT_DASHBOARD_ORIGIN ?? env.CHATWOOT_BASE_URL).origin,
    },
    publish: toPublishConfig(env),
  };
}

export class ConfigError extends Error {}

function composerOf(e: Pick<Env, 'LLM_BASE_URL' | 'LLM_MODEL' | 'LLM_API_KEY' | 'LLM_TIMEOUT_MS'>) {
  return e.LLM_BASE_URL && e.LLM_MODEL ? { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS } : undefined;
}

const issueLines = (error: z.ZodError) => error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);

/** Validates the environment once, at start; the message names every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const lines = parsed.success ? [] : issueLines(parsed.error);
  if (!env.CHATWOOT_BOT_TOKEN && !env.CHATWOOT_BOT_TOKENS) {
    lines.push('  CHATWOOT_BOT_TOKEN: set the Agent Bot access token, or CHATWOOT_BOT_TOKENS="<account>:<token>,…"');
  }
  if (!parsed.success || lines.length) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}

/** What the `app-token` command needs: the bot's signing secret and where VAs reach the bot. */
export function loadAppTokenConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.pick({ PORT: true, PUBLIC_URL: true, APP_SECRET: true }).safeParse(env);
  const lines = parsed.success ? [] : issueLines(parsed.error);
  if (parsed.success && !parsed.data.APP_SECRET) lines.push('  APP_SECRET: set it to the value the bot runs with');
  if (!parsed.success || !parsed.data.APP_SECRET || lines.length) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    appSecret: parsed.data.APP_SECRET,
    publicUrl: publicUrlOf(parsed.data),
    publicUrlIsDefault: !parsed.data.PUBLIC_URL,
  };
}

/** The optional answer composer alone (for `eval`): undefined unless LLM_BASE_URL and LLM_MODEL are set. */
export function loadComposerConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.pick({ LLM_BASE_URL: true, LLM_MODEL: true, LLM_API_KEY: true, LLM_TIMEOUT_MS: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${issueLines(parsed.error).join('\n')}`);
  return composerOf(parsed.data);
}

/** What offline commands (report) need: where the data and the vault are. */
export function loadStoreConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.pick({ DATA_DIR: true, SBF_VAULT_DIR: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${issueLines(parsed.error).join('\n')}`);
  return { dataDir: parsed.data.DATA_DIR, vaultDir: parsed.data.SBF_VAULT_DIR };
}

/** What `publish-sops` needs: Chatwoot, the vault and an admin token (checked by the command). */
export function loadPublishConfig(env: NodeJS.ProcessEnv) {
  const schema = envSchema
    .pick({
      CHATWOOT_BASE_URL: true,
      CHATWOOT_TIMEOUT_MS: true,
      SBF_VAULT_DIR: true,
      CHATWOOT_ADMIN_TOKEN: true,
      CHATWOOT_ADMIN_TOKENS: true,
      CHATWOOT_HELP_CENTER_AUTHOR_ID: true,
      CHATWOOT_HELP_CENTER_URL: true,
    })
    .extend({ LOG_LEVEL: envSchema.shape.LOG_LEVEL.removeDefault().default('warn') });
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${issueLines(parsed.error).join('\n')}`);
  const e = parsed.data;
  return {
    chatwoot: { baseUrl: e.CHATWOOT_BASE_URL.replace(/\/+$/, ''), timeoutMs: e.CHATWOOT_TIMEOUT_MS },
    vaultDir: e.SBF_VAULT_DIR,
    logLevel: e.LOG_LEVEL,
    publish: toPublishConfig({ ...e, ADMIN_API_TOKEN: undefined }),
  };
}
