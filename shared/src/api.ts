import { z } from 'zod';
import { taskPrioritySchema, taskStatusSchema } from './sbf/entities.ts';

/**
 * The JSON API between the dashboard app and the bot (`/api/dashboard/*`).
 * Every call carries the account-scoped app token as `Authorization: Bearer …`; actions also
 * carry the VA's own Chatwoot access token in `USER_TOKEN_HEADER`, which the bot checks
 * against Chatwoot's profile endpoint.
 */
export const USER_TOKEN_HEADER = 'x-chatwoot-user-token';
/** `details.code` of a 401/403 that the VA fixes by entering their access token again. */
export const USER_TOKEN_REJECTED = 'user_token_rejected';

/** Every non-2xx answer: a sentence for the VA, plus details for a zod failure. */
export const apiErrorSchema = z.looseObject({ error: z.string(), details: z.unknown().optional() });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** GET /api/dashboard/session: what the app token grants, and where Chatwoot lives. */
export const dashboardSessionSchema = z.object({
  accountId: z.number().int(),
  /** The only origin whose postMessage the app accepts. */
  chatwootOrigin: z.string(),
});
export type DashboardSession = z.infer<typeof dashboardSessionSchema>;

/** GET …/identity: the VA the Chatwoot access token belongs to, checked by the bot. */
export const vaIdentitySchema = z.object({ agentId: z.number().int(), name: z.string() });
export type VaIdentity = z.infer<typeof vaIdentitySchema>;

export const dashboardClientSchema = z.object({
  uid: z.string(),
  title: z.string(),
  timeZone: z.string().nullable(),
  firstResponseMinutes: z.number().nullable(),
  resolutionHours: z.number().nullable(),
});
export type DashboardClient = z.infer<typeof dashboardClientSchema>;

export const dashboardTaskSchema = z.object({
  uid: z.string(),
  title: z.string(),
  status: taskStatusSchema,
  priority: taskPrioritySchema,
  assignedTo: z.string().nullable(),
  /** ISO times; the SLA clock runs from `escalatedAt`. */
  escalatedAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type DashboardTask = z.infer<typeof dashboardTaskSchema>;

/** GET /api/dashboard/accounts/:a/conversations/:c, also returned by every task action. */
export const conversationPanelSchema = z.object({
  accountId: z.number().int(),
  conversationId: z.number().int(),
  /** null: no `va.customer_support` note covers this account/inbox. */
  client: dashboardClientSchema.nullable(),
  task: dashboardTaskSchema.nullable(),
  /** Something the VA should know, e.g. a link to a task the bot refused to show. */
  notice: z.string().nullable(),
});
export type ConversationPanel = z.infer<typeof conversationPanelSchema>;

export const sopSuggestionSchema = z.object({
  uid: z.string(),
  title: z.string(),
  /** Markdown the bot would send to the customer. */
  answer: z.string(),
  /** The whole SOP body (markdown), internal sections included, for the VA only. */
  body: z.string(),
  score: z.number(),
  /** Share of the message's words the SOP matched, 0..1. */
  coverage: z.number(),
  matched: z.array(z.string()),
  /** Excerpt of the customer message it matched, or null for a search. */
  from: z.string().nullable(),
});
export type SopSuggestion = z.infer<typeof sopSuggestionSchema>;
export const sopListSchema = z.object({ sops: z.array(sopSuggestionSchema) });
export type SopList = z.infer<typeof sopListSchema>;

/** POST …/suggestions: recent customer messages the app saw; the bot adds what Chatwoot returns. */
export const suggestionsRequestSchema = z.object({
  texts: z.array(z.string().max(4000)).max(10).default([]),
});

/** Every action names the acting agent; the bot checks it against the user token's profile. */
const acting = { agentId: z.number().int().positive() };

/**
 * A past question of the client much like the customer's latest message, and what became of it: the
 * bot decides uncertain questions by such precedents (ADR 016).
 */
export const pastQuestionSchema = z.object({
  text: z.string(),
  /** Share of the words the two questions use together, 0..1. */
  similarity: z.number(),
  /** The SOP that answered it, or null when it needed a person. */
  answeredBy: z.object({ uid: z.string(), title: z.string() }).nullable(),
  why: z.string().nullable(),
  /** Learned when a VA answered it from this app (null: from the agency's PRECEDENTS files); a VA may forget it. */
  learned: z.object({ id: z.number().int(), at: z.string() }).nullable(),
});
export type PastQuestion = z.infer<typeof pastQuestionSchema>;
/** POST …/past-questions (body as for suggestions): the question looked up, and its precedents, most alike first. */
export const pastQuestionListSchema = z.object({ question: z.string().nullable(), items: z.array(pastQuestionSchema) });
export type PastQuestionList = z.infer<typeof pastQuestionListSchema>;
export const forgetPastQuestionRequestSchema = z.object({ ...acting });
export const forgetPastQuestionResponseSchema = z.object({ forgotten: z.number().int() });

export const cannedResponseSchema = z.looseObject({ id: z.number().int(), short_code: z.string(), content: z.string() });
export type CannedResponse = z.infer<typeof cannedResponseSchema>;
export const cannedResponseListSchema = z.object({ items: z.array(cannedResponseSchema) });

export const escalateRequestSchema = z.object({ ...acting, note: z.string().trim().max(2000).optional() });
export const taskStatusRequestSchema = z.object({ ...acting, status: taskStatusSchema });
export const taskNoteRequestSchema = z.object({ ...acting, text: z.string().trim().min(1).max(4000) });
export const sendSopRequestSchema = z.object({ ...acting, sopUid: z.string().min(1) });
export type EscalateRequest = z.infer<typeof escalateRequestSchema>;
export type TaskStatusRequest = z.infer<typeof taskStatusRequestSchema>;
export type TaskNoteRequest = z.infer<typeof taskNoteRequestSchema>;
export type SendSopRequest = z.infer<typeof sendSopRequestSchema>;

export const sendSopResponseSchema = z.object({ messageId: z.number().int(), panel: conversationPanelSchema });

/** Support figures for one client or one VA over the report's period; rates are 0..1, times in seconds. */
const reportStatsShape = {
  conversations: z.number().int(),
  escalations: z.number().int(),
  escalation_rate: z.number().nullable(),
  /** Resolved without a handoff to a human. */
  deflected: z.number().int(),
  deflection_rate: z.number().nullable(),
  median_first_response_s: z.number().nullable(),
  p90_first_response_s: z.number().nullable(),
  csat_avg: z.number().nullable(),
  csat_count: z.number().int(),
  reopenings: z.number().int(),
  /** Choices of close SOPs the bot offered, and the share the customer answered with a SOP (not "something else"). */
  choices_offered: z.number().int(),
  choice_to_sop_rate: z.number().nullable(),
};
export const reportVaSchema = z.object({ va: z.string(), ...reportStatsShape });
export type ReportVa = z.infer<typeof reportVaSchema>;
export const reportClientSchema = z.object({ client_uid: z.string(), client_name: z.string(), ...reportStatsShape, vas: z.array(reportVaSchema) });
export type ReportClient = z.infer<typeof reportClientSchema>;
/** GET /api/dashboard/report?since=YYYY-MM-DD: the token's account only; the same figures as `pnpm report --json`. */
export const reportResponseSchema = z.object({
  period: z.object({ since: z.string(), until: z.string() }),
  clients: z.array(reportClientSchema),
});
export type ReportResponse = z.infer<typeof reportResponseSchema>;
