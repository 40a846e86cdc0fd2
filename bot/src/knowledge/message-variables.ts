import type { Conversation } from '@sbf-chatwoot/shared';

/** Chatwoot's `{{contact.first_name}}`-style message variables (its MESSAGE_VARIABLES_REGEX, trimmed). */
const VARIABLE = /\{\{(.*?)\}\}/g;

/**
 * The variables a bot can fill from a webhook. `agent.*` name the agent inserting the canned
 * response; the bot is no agent, so those never are.
 */
export const FILLABLE_VARIABLES: ReadonlySet<string> = new Set([
  'contact.id',
  'contact.name',
  'contact.first_name',
  'contact.last_name',
  'contact.email',
  'contact.phone',
  'conversation.id',
  'inbox.id',
  'inbox.name',
]);

export type MessageVariables = Partial<Record<string, string>>;

/** Every variable a text uses, once each, in order. */
export const variablesIn = (text: string): string[] => [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!.trim()))];

/** Capitalised like Chatwoot's `capitalizeName`: the first letter of each word. */
const capitalize = (name: string) =>
  name
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/** Chatwoot names an anonymous widget visitor with a haikunator name ("silent-moon-4823"): no name at all. */
const isGeneratedName = (name: string) => /^[a-z]+-[a-z]+-\d+$/.test(name);

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/**
 * The values Chatwoot's editor would insert, from what the webhook carries: the contact
 * (`conversation.meta.sender`, else the message's sender), the conversation and the inbox.
 * Missing data stays undefined, so callers can tell "empty" from "unknown".
 */
export function messageVariables(
  conversation: Pick<Conversation, 'id' | 'inbox_id' | 'meta'>,
  opts: { sender?: Record<string, unknown> | null; inbox?: { id: number; name?: string } } = {},
): MessageVariables {
  const sender = opts.sender && (opts.sender.type ?? 'contact') === 'contact' ? opts.sender : {};
  const contact: Record<string, unknown> = conversation.meta.sender ?? sender;
  const rawName = text(contact.name);
  const name = rawName && !isGeneratedName(rawName) ? capitalize(rawName) : undefined;
  const words = name?.split(/\s+/) ?? [];
  return {
    'contact.id': text(contact.id),
    'contact.name': name,
    'contact.first_name': words[0],
    'contact.last_name': words.length > 1 ? words.at(-1) : undefined,
    'contact.email': text(contact.email),
    'contact.phone': text(contact.phone_number),
    'conversation.id': String(conversation.id),
    'inbox.id': String(opts.inbox?.id ?? conversation.inbox_id),
    'inbox.name': text(opts.inbox?.name),
  };
}

export type Filled = { ok: true; text: string } | { ok: false; missing: string[] };

/**
 * Replaces every variable, or says which ones it could not: a customer must never read
 * `{{contact.first_name}}`, nor "Hi ," where Chatwoot would have left a blank.
 */
export function fillVariables(content: string, values: MessageVariables): Filled {
  const known = (v: string) => (Object.hasOwn(values, v) ? values[v] : undefined);
  const missing = variablesIn(content).filter((v) => known(v) === undefined);
  if (missing.length) return { ok: false, missing };
  return { ok: true, text: content.replace(VARIABLE, (_, v: string) => known(v.trim())!) };
}
