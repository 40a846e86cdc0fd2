/**
 * `ContentAttributeValidator`: rich messages need at least one item, and each item may only
 * use its type's keys (AGENT-BOT.md §6). Returns the validation message, or null when valid.
 */

const ITEM_KEYS: Record<string, string[]> = {
  input_select: ['title', 'value'],
  cards: ['title', 'description', 'media_url', 'actions'],
  form: ['type', 'placeholder', 'label', 'name', 'options', 'default', 'required', 'pattern', 'title', 'pattern_error'],
  article: ['title', 'description', 'link'],
};
const CARD_ACTION_KEYS = ['text', 'type', 'payload', 'uri'];

const extraKeys = (obj: unknown, allowed: string[]) =>
  obj && typeof obj === 'object' ? Object.keys(obj).filter((k) => !allowed.includes(k)) : ['(not an object)'];

export function contentAttributesError(contentType: string, attrs: Record<string, unknown>): string | null {
  const keys = ITEM_KEYS[contentType];
  if (!keys) return null;
  const items = attrs.items;
  if (!Array.isArray(items) || items.length === 0) return 'Content attributes items should be a non-empty array';
  for (const item of items) {
    const extra = extraKeys(item, keys);
    if (extra.length) return `Content attributes contain invalid keys for ${contentType}: ${extra.join(', ')}`;
    const actions = contentType === 'cards' ? ((item as Record<string, unknown>).actions ?? []) : [];
    for (const action of Array.isArray(actions) ? actions : [actions]) {
      const bad = extraKeys(action, CARD_ACTION_KEYS);
      if (bad.length) return `Content attributes contain invalid keys for card actions: ${bad.join(', ')}`;
    }
  }
  return null;
}
