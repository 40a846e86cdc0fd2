import { z } from 'zod';

/** YAML may hand us numbers or dates where SBF means strings; normalise on read. */
const isoString = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.string());
const versionString = z.preprocess(
  (v) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toFixed(1) : String(v)) : v),
  z.string(),
);

export const sensitivitySchema = z.looseObject({
  level: z.union([z.enum(['public', 'personal', 'confidential', 'secret']), z.number().int().min(0).max(9)]),
  rank: z.number().int().min(0).max(9).optional(),
});

/** Fields every SBF entity may carry (SBF.md §4/§7). Open: SBF notes carry many more keys. */
const envelope = {
  uid: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'uid must be lowercase letters, digits, dots and hyphens'),
  title: z.string().max(200).optional(),
  created: isoString.optional(),
  updated: isoString.optional(),
  client_uid: z.string().optional(),
  tags: z.array(z.string()).optional(),
  sensitivity: sensitivitySchema.optional(),
  lifecycle: z.looseObject({ state: z.string(), review_at: isoString.nullable().optional() }).optional(),
  /** The markdown body of the note. */
  content: z.string().optional(),
};

export const vaClientSchema = z.looseObject({
  ...envelope,
  type: z.literal('va.client'),
  status: z.enum(['active', 'paused', 'offboarded']).optional(),
  company: z.string().optional(),
  time_zone: z.string().optional(),
  primary_channels: z.array(z.string()).optional(),
  active_vas: z.array(z.string()).optional(),
  sla: z.looseObject({ first_response_minutes: z.number().optional(), resolution_hours: z.number().optional() }).optional(),
  sops: z.array(z.string()).optional(),
});

export const vaCustomerSupportSchema = z.looseObject({
  ...envelope,
  type: z.literal('va.customer_support'),
  client_uid: z.string(),
  platform: z.string().optional(),
  chatwoot_account_id: z.number().int().optional(),
  chatwoot_inbox_ids: z.array(z.number().int()).optional(),
  channels: z.array(z.string()).optional(),
  assigned_vas: z.array(z.string()).default([]),
  primary_va: z.string().optional(),
  backup_vas: z.array(z.string()).optional(),
  /** VAs out of office: the bot routes around them. */
  away_vas: z.array(z.string()).optional(),
  /** VA handle → Chatwoot agent (user) id, so the bot can assign. */
  chatwoot_agent_ids: z.record(z.string(), z.number().int()).optional(),
  chatwoot_team_id: z.number().int().optional(),
  help_center_portal: z.string().optional(),
  status: z.enum(['active', 'paused', 'archived']).optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
});

export const taskStatusSchema = z.preprocess(
  (v) => (v === 'pending' ? 'todo' : v === 'in-progress' ? 'in_progress' : v),
  z.enum(['todo', 'in_progress', 'blocked', 'done', 'cancelled']),
);
export const taskPrioritySchema = z.preprocess(
  (v) => (v === 'medium' ? 'normal' : v),
  z.enum(['low', 'normal', 'high', 'urgent']),
);

export const vaTaskSchema = z.looseObject({
  ...envelope,
  type: z.literal('va.task'),
  client_uid: z.string(),
  title: z.string().max(200),
  description: z.string().optional(),
  status: taskStatusSchema,
  priority: taskPrioritySchema,
  assigned_to: z.string().optional(),
  due_date: isoString.nullable().optional(),
  source: z.string().optional(),
  support_uid: z.string().optional(),
  metadata: z
    .looseObject({
      conversation_url: z.string().optional(),
      conversation_id: z.number().int().optional(),
      account_id: z.number().int().optional(),
      inbox_id: z.number().int().optional(),
      contact: z.string().nullable().optional(),
      channel: z.string().optional(),
    })
    .optional(),
  escalated_at: isoString.optional(),
  first_response_at: isoString.optional(),
  resolved_at: isoString.optional(),
  csat: z.looseObject({ rating: z.number().int().min(1).max(5), comment: z.string().optional() }).optional(),
  related_sop_uids: z.array(z.string()).optional(),
});

export const vaSopSchema = z.looseObject({
  ...envelope,
  type: z.literal('va.sop'),
  title: z.string().max(200),
  category: z.string().optional(),
  trigger: z.string().optional(),
  desired_outcome: z.string().optional(),
  frequency: z.string().optional(),
  steps: z.array(z.string()).default([]),
  tools: z.array(z.string()).optional(),
  version: versionString.optional(),
  owner: z.string().optional(),
  status: z.enum(['draft', 'review', 'published', 'retired']).optional(),
  locale: z.string().optional(),
  publish: z
    .looseObject({
      target: z.string().optional(),
      portal_slug: z.string().optional(),
      article_id: z.number().int().optional(),
      url: z.string().optional(),
      content_hash: z.string().optional(),
      published_at: isoString.optional(),
      /** Written by publish-sops: the article's state in Chatwoot and where it lives. */
      status: z.string().optional(),
      account_id: z.number().int().optional(),
      slug: z.string().optional(),
      unpublished_at: isoString.optional(),
    })
    .optional(),
});

export const vaEntitySchema = z.discriminatedUnion('type', [
  vaClientSchema,
  vaCustomerSupportSchema,
  vaTaskSchema,
  vaSopSchema,
]);

export type VaClient = z.infer<typeof vaClientSchema>;
export type VaCustomerSupport = z.infer<typeof vaCustomerSupportSchema>;
export type VaTask = z.infer<typeof vaTaskSchema>;
export type VaSop = z.infer<typeof vaSopSchema>;
export type VaEntity = z.infer<typeof vaEntitySchema>;
export type VaEntityType = VaEntity['type'];
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type TaskPriority = z.infer<typeof taskPrioritySchema>;

/** Any SBF entity, typed or not: the store keeps what it does not know. */
export const anyEntitySchema = z.looseObject({ uid: z.string(), type: z.string() });
export type AnyEntity = z.infer<typeof anyEntitySchema>;
