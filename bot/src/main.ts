import { agentBotEventSchema } from '@sbf-chatwoot/shared';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { createApp } from './app.ts';
import { createChatwootClient } from './chatwoot/client.ts';
import { ConfigError, loadConfig } from './config.ts';
import { dispatch } from './handlers/index.ts';
import type { HandlerContext } from './handlers/context.ts';
import { createSopIndex } from './knowledge/sop-index.ts';
import { createDirectory } from './sbf/directory.ts';
import { openVaultStore } from './sbf/vault-store.ts';
import { createConversationStore } from './store/conversations.ts';
import { openDb } from './store/db.ts';
import { createQueue } from './store/queue.ts';
import { startWorker } from './worker.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n\nSee README.md "Configuration".\n`);
  process.exit(78);
}

const log = pino({
  level: config.logLevel,
  // Tokens and secrets must never reach a log line, whatever gets logged by accident.
  redact: {
    paths: ['req.headers.api_access_token', 'req.headers["x-chatwoot-signature"]', '*.pubsub_token', 'config.headers', 'headers.api_access_token'],
    censor: '[redacted]',
  },
});

const db = openDb(resolve(config.dataDir));
const queue = createQueue(db);
const sbf = openVaultStore(resolve(config.vaultDir), log.child({ part: 'vault' }));
const directory = await createDirectory(sbf, log.child({ part: 'directory' }));
const sops = await createSopIndex(sbf);
const chatwoot = createChatwootClient({
  baseUrl: config.chatwoot.baseUrl,
  tokenFor: (accountId) => config.chatwoot.tokens.get(accountId) ?? config.chatwoot.defaultToken,
  timeoutMs: config.chatwoot.timeoutMs,
  ratePerSecond: config.chatwoot.ratePerSecond,
  log: log.child({ part: 'chatwoot' }),
});
const ctx: Omit<HandlerContext, 'log'> = {
  chatwoot,
  sbf,
  directory,
  sops,
  conversations: createConversationStore(db),
  links: { chatwootBaseUrl: config.chatwoot.baseUrl, taskUrl: (uid) => `${config.publicUrl}/app/?task=${encodeURIComponent(uid)}` },
  now: () => new Date(),
};

const worker = startWorker({
  queue,
  log: log.child({ part: 'worker' }),
  concurrency: config.worker.concurrency,
  maxAgeMs: config.worker.maxAgeMs,
  run: async (job, jobLog) => {
    const ev = agentBotEventSchema.parse(JSON.parse(job.payload));
    await dispatch(ev, { ...ctx, log: jobLog });
  },
});

const app = createApp({
  config,
  queue,
  log,
  onQueued: worker.kick,
  before: [pinoHttp({ logger: log, autoLogging: { ignore: (req) => req.url === '/healthz' } })],
});
const server = app.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  log.info({ port, vault: sbf.dir, clients: directory.all().length, sops: sops.size() }, 'sbf-chatwoot bot listening');
});

async function shutdown(signal: string) {
  log.info({ signal }, 'shutting down');
  server.close();
  worker.stop();
  await worker.drain();
  db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
