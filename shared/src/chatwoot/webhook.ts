import { z } from 'zod';
import { accountRefSchema, inboxRefSchema } from './common.ts';
import { contactSchema, conversationSchema } from './conversation.ts';

/** Contacts carry no `type`; users `user`, bots `agent_bot`, Captain `captain_assistant`. */
export const messageSenderSchema = z
  .looseObject({ id: z.number().int(), name: z.string().nullable().optional(), type: z.string().optional() })
  .nullable();

export const attachmentSchema = z.looseObject({
  id: z.number().int(),
  file_type: z.string(),
  data_url: z.string().optional(),
  transcribed_text: z.string().nullable().optional(),
});

const messageEventBody = {
  id: z.number().int(),
  content: z.string().nullable(),
  message_type: z.enum(['incoming', 'outgoing', 'activity', 'template']),
  content_type: z.string().default('text'),
  content_attributes: z.record(z.string(), z.unknown()).default({}),
  private: z.boolean(),
  created_at: z.string(),
  source_id: z.string().nullable().optional(),
  sender: messageSenderSchema.optional(),
  account: accountRefSchema,
  inbox: inboxRefSchema,
  conversation: conversationSchema,
  attachments: z.array(attachmentSchema).optional(),
};

export const messageCreatedSchema = z.looseObject({ event: z.literal('message_created'), ...messageEventBody });
export const messageUpdatedSchema = z.looseObject({ event: z.literal('message_updated'), ...messageEventBody });

export const changedAttributesSchema = z
  .array(z.record(z.string(), z.looseObject({ previous_value: z.unknown(), current_value: z.unknown() })))
  .nullable()
  .optional();

const conversationEvent = <E extends string>(event: E) =>
  conversationSchema.extend({ event: z.literal(event), changed_attributes: changedAttributesSchema });

export const conversationOpenedSchema = conversationEvent('conversation_opened');
export const conversationResolvedSchema = conversationEvent('conversation_resolved');
export const conversationStatusChangedSchema = conversationEvent('conversation_status_changed');
export const conversationUpdatedSchema = conversationEvent('conversation_updated');

export const webwidgetTriggeredSchema = z.looseObject({
  event: z.literal('webwidget_triggered'),
  id: z.number().int(),
  contact: contactSchema,
  inbox: inboxRefSchema,
  account: accountRefSchema,
  current_conversation: conversationSchema.nullable().optional(),
  source_id: z.string().optional(),
  event_info: z.record(z.string(), z.unknown()).optional(),
});

/** Every event Chatwoot delivers to an Agent Bot (AgentBotListener, v4.15). */
export const agentBotEventSchema = z.discriminatedUnion('event', [
  messageCreatedSchema,
  messageUpdatedSchema,
  conversationOpenedSchema,
  conversationResolvedSchema,
  conversationStatusChangedSchema,
  conversationUpdatedSchema,
  webwidgetTriggeredSchema,
]);

export type AgentBotEvent = z.infer<typeof agentBotEventSchema>;
export type AgentBotEventName = AgentBotEvent['event'];
export type MessageEvent = z.infer<typeof messageCreatedSchema> | z.infer<typeof messageUpdatedSchema>;
export type ConversationEvent = Extract<AgentBotEvent, { event: `conversation_${string}` }>;
export const agentBotEventNames = agentBotEventSchema.options.map((o) => o.shape.event.value);
