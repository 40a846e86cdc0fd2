import type { AppContext } from '@sbf-chatwoot/shared';

/**
 * Fills the message variables Chatwoot fills on insert ({{contact.first_name}} …) from the
 * app context, so the VA copies finished text. Unknown variables stay as they are.
 */
export function fillVariables(content: string, ctx: AppContext | null): string {
  if (!ctx) return content;
  const { conversation, contact, currentAgent } = ctx.data;
  const split = (name: unknown) => (typeof name === 'string' ? name.trim().split(/\s+/) : []);
  const [contactFirst, ...contactRest] = split(contact.name);
  const [agentFirst, ...agentRest] = split(currentAgent.name);
  const values: Record<string, unknown> = {
    'conversation.id': conversation.id,
    'contact.id': contact.id,
    'contact.name': contact.name,
    'contact.first_name': contactFirst,
    'contact.last_name': contactRest.join(' '),
    'contact.email': contact.email,
    'contact.phone': contact.phone_number,
    'agent.name': currentAgent.name,
    'agent.first_name': agentFirst,
    'agent.last_name': agentRest.join(' '),
    'agent.email': currentAgent.email,
    'inbox.id': conversation.inbox_id,
  };
  return content.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (whole, key: string) => {
    const v = values[key];
    return v === undefined || v === null || v === '' ? whole : String(v);
  });
}
