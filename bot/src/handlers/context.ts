import type { Logger } from 'pino';
import type { ChatwootClient } from '../chatwoot/client.ts';
import type { Presence } from '../escalation/presence.ts';
import type { Composer } from '../knowledge/composer.ts';
import type { Precedents } from '../knowledge/precedents.ts';
import type { SopIndex } from '../knowledge/sop-index.ts';
import type { Directory } from '../sbf/directory.ts';
import type { SbfStore } from '../sbf/store.ts';
import type { ConversationStore } from '../store/conversations.ts';
import type { LearnedPrecedents } from '../store/precedents.ts';
import type { Tracking } from '../store/tracking.ts';

/** Everything a handler may use; handlers never see req/res. */
export interface HandlerContext {
  chatwoot: ChatwootClient;
  sbf: SbfStore;
  directory: Directory;
  sops: SopIndex;
  /** Past questions and their outcomes: PRECEDENTS files, and what VAs settled from the dashboard. */
  precedents?: Precedents;
  /** The precedents VAs settled from the dashboard, kept for this run and the next (store/precedents.ts). */
  learned?: Pick<LearnedPrecedents, 'record' | 'get' | 'byKey' | 'forget'>;
  /** Optional LLM answer composer; off unless configured. */
  composer?: Composer;
  /** Chatwoot presence of the VAs; only with a user token (CHATWOOT_USER_TOKEN). */
  presence?: Presence;
  conversations: ConversationStore;
  tracking: Tracking;
  log: Logger;
  links: { chatwootBaseUrl: string; taskUrl: (uid: string) => string };
  now: () => Date;
}
