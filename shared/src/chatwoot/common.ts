import { z } from 'zod';

/** Chatwoot adds fields over time; every object schema here is open (z.looseObject). */
export const accountRefSchema = z.looseObject({ id: z.number().int(), name: z.string().optional() });
export const inboxRefSchema = z.looseObject({ id: z.number().int(), name: z.string().optional() });

export const conversationStatusSchema = z.enum(['open', 'resolved', 'pending', 'snoozed']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const conversationPrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']).nullable();
export type ConversationPriority = z.infer<typeof conversationPrioritySchema>;
