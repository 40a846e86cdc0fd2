import { z } from 'zod';

/** Body of `POST /admin/publish-sops`. Strict, so a typo such as `dryRun` is a 400, not a real run. */
export const publishSopsRequestSchema = z.strictObject({
  client_uid: z.string().min(1).optional(),
  dry_run: z.boolean().optional(),
});
export type PublishSopsRequest = z.infer<typeof publishSopsRequestSchema>;

export const publishActionSchema = z.enum(['created', 'updated', 'unchanged', 'unpublished', 'failed']);
export type PublishAction = z.infer<typeof publishActionSchema>;

/** What happened to one SOP's Help Center article (in a dry run: what would happen). */
export const publishItemSchema = z.object({
  client_uid: z.string(),
  sop_uid: z.string(),
  action: publishActionSchema,
  article_id: z.number().int().optional(),
  url: z.string().optional(),
  /** Why, for failures; how, for the rest (e.g. "adopted existing article", "deleted"). */
  detail: z.string().optional(),
});
export type PublishItem = z.infer<typeof publishItemSchema>;

export const publishFailureSchema = z.object({
  client_uid: z.string(),
  sop_uid: z.string().optional(),
  error: z.string(),
});

/** Result of one publish run (CLI JSON line and endpoint response). */
export const publishReportSchema = z.object({
  dry_run: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  unpublished: z.number().int(),
  failed: z.array(publishFailureSchema),
  /** Clients left out, e.g. without `help_center_portal`. */
  skipped: z.array(z.object({ client_uid: z.string(), reason: z.string() })),
  items: z.array(publishItemSchema),
});
export type PublishReport = z.infer<typeof publishReportSchema>;
