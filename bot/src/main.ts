import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { createApp } from './app.ts';
import { createChatwootClient } from './chatwoot/client.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createChatwootUserClient } from './dashboard/chatwoot-user-client.ts';
import { dashboardRouter } from './dashboard/router.ts';
import { dispatch } from './handlers/index.ts';
import { JsonlError } from './jsonl.ts';
import type { HandlerContext } from './handlers/context.ts';
import { createPresence } from './escalation/presence.ts';
import { createCannedSync } from './knowledge/canned-responses.ts';
import { createComposer } from './knowledge/composer.ts';
import { createPrecedentFiles } from './knowledge/precedent-files.ts';
import { createPrecedents } from './knowledge/precedents.ts';
import { createSopIndex } from './knowledge/sop-index.ts';
import { createHelpCenterClient } from './publish/help-center-client.ts';
import { adminTokenProblem, publishSops } from './publish/publish-sops.ts';
import { publishRouter } from './publish/route.ts';
import { createDirectory } from './sbf/directory.ts';
import { openVaultStore } from './sbf/vault-store.ts';
import { watchVault } from './sbf/watch-vault.ts';
import { createConversationStore } from './store/conversations.ts';
import { startCheckpointer } from './store/checkpointer.ts';
import { openDb } from './store/db.ts';
import { createLearnedPrecedents, createPrecedentStore } from './store/precedents.ts';
import { createQueue } from './store/queue.ts';
import { createTracking } from './store/tracking.ts';
import { createFreshEvents } from './webhook/fresh-events.ts';
import { parseStoredEvent } from './webhook/intake.ts';
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
    paths: [
      'req.headers.api_access_token',
      'req.headers["x-chatwoot-signature"]',
      'req.headers.authorization',
      'req.headers["x-chatwoot-user-token"]',
      '*.pubsub_token',
      '*.access_token',
      'config.headers',
      'headers.api_access_token',
      '*.userToken',
    ],
    censor: '[redacted]',
  },
});

const db = openDb(resolve(config.dataDir));
const stopCheckpoints = startCheckpointer(db, log.child({ part: 'store' }));
const queue = createQueue(db);
const sbf = openVaultStore(resolve(config.vaultDir), log.child({ part: 'vault' }));
const stopWatching = watchVault(sbf, log.child({ part: 'vault' }));
const directory = await createDirectory(sbf, log.child({ part: 'directory' }));
const sops = await createSopIndex(sbf);
const precedentStore = createPrecedentStore(db);
const precedents = createPrecedents([]);
let precedentFiles;
try {
  precedentFiles = createPrecedentFiles(config.precedentFiles, precedents, log.child({ part: 'precedents' }));
} catch (err) {
  if (!(err instanceof JsonlError)) throw err;
  process.stderr.write(`Invalid configuration:\n  PRECEDENTS: ${err.message}\n\nSee README.md "Configuration".\n`);
  process.exit(78);
}
// After the files' cases: ties between equally alike past questions go to the earlier.
const learned = createLearnedPrecedents(precedentStore, precedents);
const precedentsRecheck = setInterval(() => {
  learned.sync();
  precedentFiles.recheck();
}, config.precedentsRecheckMs);
precedentsRecheck.unref();
const chatwoot = createChatwootClient({
  baseUrl: config.chatwoot.baseUrl,
  tokenFor: (accountId) => config.chatwoot.tokens.get(accountId) ?? config.chatwoot.defaultToken,
  userToken: config.chatwoot.userToken,
  timeoutMs: config.chatwoot.timeoutMs,
  ratePerSecond: config.chatwoot.ratePerSecond,
  log: log.child({ part: 'chatwoot' }),
});
const ctx: Omit<HandlerContext, 'log'> = {
  chatwoot,
  sbf,
  directory,
  sops,
  precedents,
  learned,
  composer: config.composer && createComposer(config.composer),
  presence: config.chatwoot.userToken ? createPresence({ listAgents: chatwoot.listAgents }) : undefined,
  conversations: createConversationStore(db),
  tracking: createTracking(db),
  links: { chatwootBaseUrl: config.chatwoot.baseUrl, taskUrl: (uid) => config.taskUrlTemplate.replaceAll('{uid}', encodeURIComponent(uid)) },
  now: () => new Date(),
};

const fresh = createFreshEvents();
const worker = startWorker({
  queue,
  log: log.child({ part: 'worker' }),
  concurrency: config.worker.concurrency,
  maxAgeMs: config.worker.maxAgeMs,
  run: async (job, jobLog) => {
    const ev = fresh.take(job.id) ?? parseStoredEvent(queue.payload(job.id));
    await dispatch(ev, { ...ctx, log: jobLog });
  },
});

const dashboard = dashboardRouter({
  ctx,
  log,
  appSecret: config.dashboard.appSecret,
  chatwootOrigin: config.dashboard.chatwootOrigin,
  userClient: createChatwootUserClient({ baseUrl: config.chatwoot.baseUrl, timeoutMs: config.chatwoot.timeoutMs }),
  distDir: resolve(dirname(fileURLToPath(import.meta.url)), '../../dashboard-app/dist'),
});

const { adminToken, adminTokens, authorId, helpCenterUrl, apiToken } = config.publish;
const publishProblem = adminTokenProblem(config.publish);
const helpCenter = publishProblem
  ? undefined
  : createHelpCenterClient({ baseUrl: config.chatwoot.baseUrl, tokenFor: (id) => adminTokens.get(id) ?? adminToken, timeoutMs: config.chatwoot.timeoutMs });
const publish = publishRouter({
  apiToken,
  problem: publishProblem,
  publish: (opts) => publishSops({ store: sbf, directory, helpCenter, authorId, helpCenterUrl, log: log.child({ part: 'publish' }) }, opts),
  log,
});

const app = createApp({
  config,
  queue,
  log,
  onQueued: (job, event) => {
    fresh.put(job, event);
    worker.kick();
  },
  before: [
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // Webhooks are not access-logged: their route logs refusals itself (webhook/route.ts).
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  ],
  dashboard,
  publish,
});
const server = app.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  log.info({ port, vault: sbf.dir, clients: directory.all().length, sops: sops.size(), precedents: precedents.size }, 'sbf-chatwoot bot listening');
});
// Reverse proxies (nginx, load balancers) keep idle upstream sockets for up to 60 s. Node closes them after
// 5 s, and a webhook POST the proxy then sends on a closed socket comes back 502, which neither the proxy
// nor Chatwoot retries: idle sockets are kept longer than the proxies keep them.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

const prune = () => {
  const removed = queue.prune(config.worker.retentionMs);
  if (removed) log.info({ removed }, 'finished jobs past retention deleted');
};
prune();
const pruneTimer = setInterval(prune, 3_600_000).unref();

// Canned responses need the user token (bots may not list them): read at start, then every 5 minutes.
const canned = config.chatwoot.userToken
  ? createCannedSync({ listCannedResponses: chatwoot.listCannedResponses, directory, sops, log: log.child({ part: 'canned' }) })
  : undefined;
void canned?.refresh();
const cannedTimer = canned && setInterval(() => void canned.refresh(), 300_000).unref();

async function shutdown(signal: string) {
  clearInterval(pruneTimer);
  clearInterval(cannedTimer);
  clearInterval(precedentsRecheck);
  log.info({ signal }, 'shutting down');
  server.close();
  stopWatching();
  worker.stop();
  await worker.drain();
  await stopCheckpoints();
  db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
