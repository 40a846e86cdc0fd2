import { z } from 'zod';

/**
 * The message Chatwoot posts into a Dashboard App iframe, as a JSON *string*.
 * Unsigned and sent to '*': validate the shape here, check the origin in the app,
 * and never trust it for identity.
 */
export const appContextSchema = z.looseObject({
  event: z.literal('appContext'),
  data: z.looseObject({
    conversation: z.looseObject({
      id: z.number().int(),
      account_id: z.number().int().optional(),
      inbox_id: z.number().int().optional(),
      status: z.string().optional(),
      custom_attributes: z.record(z.string(), z.unknown()).optional(),
      messages: z
        .array(
          z.looseObject({
            id: z.number().int(),
            content: z.string().nullable().optional(),
            message_type: z.number().int(),
            private: z.boolean().optional(),
          }),
        )
        .default([]),
    }),
    contact: z.looseObject({ id: z.number().int().optional(), name: z.string().nullable().optional() }).default({}),
    currentAgent: z.looseObject({ id: z.number().int(), name: z.string().optional(), email: z.string().optional() }),
    theme: z.enum(['light', 'dark']).optional(),
    customAttributes: z.unknown().optional(),
  }),
});
export type AppContext = z.infer<typeof appContextSchema>;
export const FETCH_INFO_MESSAGE = 'chatwoot-dashboard-app:fetch-info';
