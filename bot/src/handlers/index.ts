import type { AgentBotEvent, AgentBotEventName } from '@sbf-chatwoot/shared';
import type { HandlerContext } from './context.ts';
import { onChoiceMade } from './choice.ts';
import { onMessageCreated } from './message-created.ts';
import { trackCsat, trackOpened, trackResolved } from './tracking.ts';

type Handler<E extends AgentBotEventName> = (ev: Extract<AgentBotEvent, { event: E }>, ctx: HandlerContext) => Promise<void>;

/** Event name → handler. Events without one are acknowledged and logged at debug. */
export const handlers: { [E in AgentBotEventName]?: Handler<E> } = {
  message_created: onMessageCreated,
  // A message update is either a CSAT rating or a click on the bot's buttons; each checks which.
  message_updated: async (ev, ctx) => {
    await trackCsat(ev, ctx);
    await onChoiceMade(ev, ctx);
  },
  conversation_resolved: trackResolved,
  conversation_opened: trackOpened,
};

export async function dispatch(ev: AgentBotEvent, ctx: HandlerContext): Promise<void> {
  const handler = handlers[ev.event] as Handler<typeof ev.event> | undefined;
  if (!handler) return ctx.log.debug({ event: ev.event }, 'no handler for event');
  await handler(ev as never, ctx);
}
