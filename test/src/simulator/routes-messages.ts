import { contentAttributesError } from './content-attributes.ts';
import { CONVERSATION, actor, ok, route, withConversation, type Route, type RouteContext } from './route-kit.ts';
import type { SimConversation } from './types.ts';
import { messageView } from './views.ts';

/** `content_attributes` may come as an object or as a JSON string. */
function parseAttributes(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** `Messages::MessageBuilder` for a JSON body (no multipart attachments). */
function createMessage(ctx: RouteContext, conv: SimConversation) {
  const { body, state, account } = ctx;
  const messageType = body.message_type ?? 'outgoing';
  // Only API-channel inboxes take incoming messages through the API; ours is a web widget.
  if (messageType !== 'outgoing') {
    return { status: 422, body: { message: `Message type ${messageType} is not allowed here`, attributes: ['message_type'] } };
  }
  const contentType = typeof body.content_type === 'string' ? body.content_type : 'text';
  const attrs = parseAttributes(body.content_attributes);
  const invalid = contentAttributesError(contentType, attrs);
  if (invalid) return { status: 422, body: { message: invalid, attributes: ['content_attributes'] } };

  const isPrivate = body.private === true || body.private === 'true';
  const who = actor(ctx);
  const m = state.addMessage(conv, {
    // Rails casts a number param to its string form.
    content: body.content == null ? null : String(body.content),
    message_type: 'outgoing',
    content_type: contentType,
    content_attributes: attrs,
    private: isPrivate,
    attachments: false,
    ...who,
  });
  if (!isPrivate) {
    // The fixtures show waiting_since cleared by a public reply (bot or human).
    conv.waiting_since = 0;
    if (who.sender_type === 'user') {
      conv.unread_count = 0;
      conv.first_reply_created_at ||= Math.floor(m.created_at / 1000);
    }
  }
  ctx.emit.echo.message(account, conv, m);
  return ok(messageView(account, conv, m));
}

export const messageRoutes: Route[] = [
  route('POST', `${CONVERSATION}/messages`, (ctx) => withConversation(ctx, (conv) => createMessage(ctx, conv))),
];
