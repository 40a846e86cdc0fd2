import {
  cannedResponseListSchema,
  conversationPanelSchema,
  dashboardSessionSchema,
  forgetPastQuestionResponseSchema,
  pastQuestionListSchema,
  reportResponseSchema,
  sendSopResponseSchema,
  sopListSchema,
  vaIdentitySchema,
  type TaskStatus,
} from '@sbf-chatwoot/shared';
import { request } from './http.ts';

/** Typed calls to the bot's /api/dashboard; every answer is parsed with its shared schema. */
const conv = (accountId: number, conversationId: number) => `/accounts/${accountId}/conversations/${conversationId}`;

export const getSession = () => request(dashboardSessionSchema, { method: 'GET', url: '/session' });

export const getIdentity = (accountId: number, agentId: number) =>
  request(vaIdentitySchema, { method: 'GET', url: `/accounts/${accountId}/identity`, params: { agentId } });

export const getPanel = (accountId: number, conversationId: number) =>
  request(conversationPanelSchema, { method: 'GET', url: conv(accountId, conversationId) });

export const getSuggestions = (accountId: number, conversationId: number, texts: string[]) =>
  request(sopListSchema, { method: 'POST', url: `${conv(accountId, conversationId)}/suggestions`, data: { texts } });

export const searchSops = (accountId: number, conversationId: number, q: string) =>
  request(sopListSchema, { method: 'GET', url: `${conv(accountId, conversationId)}/sops`, params: { q } });

export const getPastQuestions = (accountId: number, conversationId: number, texts: string[]) =>
  request(pastQuestionListSchema, { method: 'POST', url: `${conv(accountId, conversationId)}/past-questions`, data: { texts } });

export const forgetPastQuestion = (accountId: number, id: number, agentId: number) =>
  request(forgetPastQuestionResponseSchema, { method: 'POST', url: `/accounts/${accountId}/past-questions/${id}/forget`, data: { agentId } });

export const listCannedResponses = (accountId: number, q?: string) =>
  request(cannedResponseListSchema, { method: 'GET', url: `/accounts/${accountId}/canned-responses`, params: q ? { q } : {} });

export const escalate = (accountId: number, conversationId: number, agentId: number, note?: string) =>
  request(conversationPanelSchema, { method: 'POST', url: `${conv(accountId, conversationId)}/escalate`, data: { agentId, note } });

export const setTaskStatus = (accountId: number, conversationId: number, agentId: number, status: TaskStatus) =>
  request(conversationPanelSchema, { method: 'POST', url: `${conv(accountId, conversationId)}/task/status`, data: { agentId, status } });

export const addTaskNote = (accountId: number, conversationId: number, agentId: number, text: string) =>
  request(conversationPanelSchema, { method: 'POST', url: `${conv(accountId, conversationId)}/task/notes`, data: { agentId, text } });

export const sendSop = (accountId: number, conversationId: number, agentId: number, sopUid: string) =>
  request(sendSopResponseSchema, { method: 'POST', url: `${conv(accountId, conversationId)}/replies`, data: { agentId, sopUid } });

/** Support figures for the token's account; `since` is YYYY-MM-DD. */
export const getReport = (since?: string) =>
  request(reportResponseSchema, { method: 'GET', url: '/report', params: since ? { since } : {} });
