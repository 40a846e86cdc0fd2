import type { AgentBotEvent, AgentBotEventName } from '@sbf-chatwoot/shared';
import type { HandlerContext } from './context.ts';
import { onMessageCreated } from './message-created.ts';
import { trackCsat, trackOpened, trackResolved } from './tracking.ts';

type Handler<E extends AgentBotEventName> = (ev: Extract<AgentBotEvent, { event: E }>, ctx: HandlerContext) => Promise<void>;

/** Event name → handler. Events without one are acknowledged and logged at debug. */
export const handlers: { [E in AgentBotEventName]?: Handler<E> } = {
  message_created: onMessageCreated,
  message_updated: trackCsat,
  conversation_resolved: trackResolved,
  conversation_opened: trackOpened,
};

export async function dispatch(ev: AgentBotEvent, ctx: HandlerContext): Promise<void> {
  const handler = handlers[ev.event] as Handler<typeof ev.event> | undefined;
  if (!handler) return ctx.log.debug({ event: ev.event }, 'no handler for event');
  await handler(ev as never, ctx);
}
