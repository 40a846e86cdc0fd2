import { z } from 'zod';
import { conversationPrioritySchema, conversationStatusSchema } from './common.ts';

/** Request bodies the bot sends with its bot token (BOT_ACCESSIBLE_ENDPOINTS). */
export const createMessageBodySchema = z.object({
  content: z.string().min(1),
  message_type: z.literal('outgoing'),
  private: z.boolean(),
  content_type: z.literal('text').optional(),
});
export type CreateMessageBody = z.infer<typeof createMessageBodySchema>;

export const toggleStatusBodySchema = z.object({ status: conversationStatusSchema });
export const assignmentBodySchema = z.union([
  z.object({ assignee_id: z.number().int() }),
  z.object({ team_id: z.number().int() }),
]);
export type AssignmentBody = z.infer<typeof assignmentBodySchema>;
export const customAttributesBodySchema = z.object({ custom_attributes: z.record(z.string(), z.unknown()) });
export const labelsBodySchema = z.object({ labels: z.array(z.string()) });

/** GET /conversations/{id} (REST view); only the fields the bot re-checks before speaking. */
export const conversationViewSchema = z.looseObject({
  id: z.number().int(),
  status: conversationStatusSchema,
  priority: conversationPrioritySchema.optional(),
  custom_attributes: z.record(z.string(), z.unknown()).default({}),
  labels: z.array(z.string()).default([]),
  /** Includes private notes; lets a retry see that its message already landed. */
  last_non_activity_message: z
    .looseObject({ content: z.string().nullable().optional(), private: z.boolean().optional() })
    .nullable()
    .optional(),
  meta: z
    .looseObject({
      assignee: z.looseObject({ id: z.number().int() }).nullable().optional(),
      assignee_type: z.string().nullable().optional(),
    })
    .default({}),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

export const labelsResponseSchema = z.looseObject({ payload: z.array(z.string()) });
export const customAttributesResponseSchema = z.looseObject({
  custom_attributes: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Item of GET /agents (user token only). `availability_status` is the effective presence:
 * online | busy | offline; kept a string so a value Chatwoot adds later does not break parsing.
 */
export const agentPresenceSchema = z.looseObject({ id: z.number().int(), availability_status: z.string().optional() });
export type AgentPresenceItem = z.infer<typeof agentPresenceSchema>;
