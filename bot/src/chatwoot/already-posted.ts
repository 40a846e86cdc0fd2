import type { ConversationView } from '@sbf-chatwoot/shared';

/**
 * True when the conversation's latest message is exactly the one we are about to post: a retry
 * after a crash (or a lost response) between Chatwoot saving it and us recording the step.
 * Steps post in a fixed order, so the step that was cut off is always the latest message.
 */
export function alreadyPosted(view: ConversationView | null, content: string, isPrivate: boolean): boolean {
  const last = view?.last_non_activity_message;
  return Boolean(last && (last.content ?? '').trim() === content.trim() && Boolean(last.private) === isPrivate);
}
