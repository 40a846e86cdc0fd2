import { z } from 'zod';
import { accountRefSchema, conversationPrioritySchema, conversationStatusSchema } from './common.ts';

/** The contact push payload as it appears in `conversation.meta.sender`. */
export const contactSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  identifier: z.string().nullable().optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
  additional_attributes: z.record(z.string(), z.unknown()).optional(),
});

export const assigneeSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().optional(),
  type: z.string().optional(),
  availability_status: z.string().optional(),
});

/** Item of `conversation.messages[]`: integer message_type, Unix created_at. */
export const conversationMessageSchema = z.looseObject({
  id: z.number().int(),
  content: z.string().nullable().optional(),
  message_type: z.number().int(),
  created_at: z.number(),
  private: z.boolean().optional(),
  conversation_id: z.number().int().optional(),
});

/**
 * Conversation webhook payload (body of `conversation_*` events and `message.conversation`).
 * `id` is the per-account display_id: pair it with the account id.
 */
export const conversationSchema = z.looseObject({
  id: z.number().int(),
  inbox_id: z.number().int(),
  status: conversationStatusSchema,
  priority: conversationPrioritySchema.optional(),
  channel: z.string().optional(),
  can_reply: z.boolean().optional(),
  labels: z.array(z.string()).default([]),
  custom_attributes: z.record(z.string(), z.unknown()).default({}),
  additional_attributes: z.record(z.string(), z.unknown()).default({}),
  meta: z
    .looseObject({
      sender: contactSchema.optional(),
      assignee: assigneeSchema.nullable().optional(),
      assignee_type: z.string().nullable().optional(),
      team: z.looseObject({ id: z.number().int(), name: z.string().optional() }).nullable().optional(),
    })
    .default({}),
  messages: z.array(conversationMessageSchema).default([]),
  waiting_since: z.number().optional(),
  first_reply_created_at: z.union([z.string(), z.number()]).nullable().optional(),
  created_at: z.number().optional(),
  account: accountRefSchema.optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;
