import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSwagger } from '../../fixtures.ts';
import { loadSwaggerValidator, type Simulator } from '../index.ts';
import { api, conv, start } from './helpers.ts';

describe('simulator swagger validation', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
    sim.openConversation({ accountId: 1, displayId: 27 });
  });
  afterAll(() => sim.close());

  it('when toggle_status carries status "bogus", then the call is flagged and Chatwoot fails like its ArgumentError', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/toggle_status`, 'bot-token-1', { status: 'bogus' });
    expect(res.status).toBe(500);
    const call = sim.calls.at(-1)!;
    expect(call.operationId).toBe('toggle-status-of-a-conversation');
    expect(call.validationErrors).toEqual(['body/status must be one of ["open","resolved","pending","snoozed"], got "bogus"']);
    expect(sim.invalidCalls()).toContain(call);
  });

  it('when a message is created with a numeric content, then it is flagged but still created as Rails would', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 42, message_type: 'outgoing' });
    expect(res.status).toBe(200);
    expect(res.json.content).toBe('42');
    expect(sim.calls.at(-1)?.validationErrors).toEqual(['body/content must be string']);
  });

  it('when a body has a misspelt key, then it is flagged as not in the swagger schema', async () => {
    await api(sim, 'POST', `${conv(27)}/custom_attributes`, 'bot-token-1', { custom_atributes: { a: 1 } });
    expect(sim.calls.at(-1)?.validationErrors).toEqual([
      'body must have required property \'custom_attributes\'',
      'body/custom_atributes is not in the swagger schema',
    ]);
  });

  it('when the bot assigns itself with assignee_type "AgentBot", then the known gap is allowed, but only for that value', async () => {
    await api(sim, 'POST', `${conv(27)}/assignments`, 'bot-token-1', { assignee_id: 5, assignee_type: 'AgentBot' });
    expect(sim.calls.at(-1)?.validationErrors).toEqual([]);
    await api(sim, 'POST', `${conv(27)}/assignments`, 'bot-token-1', { assignee_id: 5, assignee_type: 'Bot' });
    expect(sim.calls.at(-1)?.validationErrors).toEqual(['body/assignee_type is not in the swagger schema']);
  });

  it('when the priority is cleared with null, then the documented allowance applies', async () => {
    await api(sim, 'POST', `${conv(27)}/toggle_priority`, 'bot-token-1', { priority: null });
    expect(sim.calls.at(-1)?.validationErrors).toEqual([]);
  });

  it('when a route is not in swagger, then it is "undocumented route" unless it is a known gap', async () => {
    await api(sim, 'GET', '/api/v1/accounts/1/portals/help-center/articles?locale=en', 'user-token-1');
    expect(sim.calls.at(-1)).toMatchObject({ status: 200, validationErrors: [] });
    await api(sim, 'GET', '/api/v1/accounts/1/made_up', 'user-token-1');
    expect(sim.calls.at(-1)).toMatchObject({ status: 404, validationErrors: ['undocumented route'] });
  });

  it('when a path param is not an integer, then the path is flagged', async () => {
    await api(sim, 'GET', conv('abc' as unknown as number), 'bot-token-1');
    expect(sim.calls.at(-1)).toMatchObject({ status: 404, validationErrors: ['path/conversation_id must be integer'] });
  });

  it('when swagger is read, then toggle_status already allows all four statuses in the request', () => {
    const op = loadSwagger().paths['/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status'].post;
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.properties.status.enum).toEqual(['open', 'resolved', 'pending', 'snoozed']);
    // If upstream ever closes these objects, the AgentBot allowance becomes load-bearing: keep it in sync.
    expect(schema.additionalProperties).toBeUndefined();
  });

  it("when the simulator answers the bot's endpoints, then the bodies match swagger's response schemas", async () => {
    const validator = await loadSwaggerValidator();
    const check = async (operationId: string, method: string, path: string, token: string, body?: unknown) => {
      const res = await api(sim, method, path, token, body);
      expect(res.status, operationId).toBe(200);
      expect(validator.validateResponse(operationId, 200, res.json), operationId).toEqual([]);
    };
    await check('get-details-of-a-conversation', 'GET', conv(27), 'bot-token-1');
    await check('create-a-new-message-in-a-conversation', 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 'hi' });
    // Not the pending → open handoff: there `success` is null (AGENT-BOT.md §6), which swagger does not allow.
    await check('toggle-status-of-a-conversation', 'POST', `${conv(27)}/toggle_status`, 'bot-token-1', { status: 'resolved' });
    await check('list-all-labels-of-a-conversation', 'GET', `${conv(27)}/labels`, 'bot-token-1');
    await check('update-custom-attributes-of-a-conversation', 'POST', `${conv(27)}/custom_attributes`, 'bot-token-1', {
      custom_attributes: { a: 1 },
    });
    await check('assign-a-conversation', 'POST', `${conv(27)}/assignments`, 'bot-token-1', { assignee_id: 7 });
    await check('get-account-agents', 'GET', '/api/v1/accounts/1/agents', 'user-token-1');
    await check('fetchProfile', 'GET', '/api/v1/profile', 'user-token-1');
    await check('get-account-canned-response', 'GET', '/api/v1/accounts/1/canned_responses', 'user-token-1');
  });
});
