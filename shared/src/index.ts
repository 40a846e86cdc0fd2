export * from './chatwoot/common.ts';
export * from './chatwoot/conversation.ts';
export * from './chatwoot/webhook.ts';
export * from './chatwoot/api.ts';
export * from './chatwoot/app-context.ts';
export * from './sbf/entities.ts';
