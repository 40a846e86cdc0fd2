import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageCreatedSchema } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import { fillVariables, messageVariables, variablesIn } from '../knowledge/message-variables.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), `../../../../shared/chatwoot-contract/webhooks/${name}.json`), 'utf8'));

/** The recorded webhook: Jane Doe (contact 42, no phone) in conversation 27 of inbox 3 "Acme Website". */
const ev = messageCreatedSchema.parse(fixture('message_created.incoming'));
const vars = messageVariables(ev.conversation, { sender: ev.sender, inbox: ev.inbox });

describe('message variables', () => {
  it('when a canned response uses contact, conversation and inbox variables, then each is filled from the webhook', () => {
    const text = 'Hi {{contact.first_name}} {{ contact.last_name }} ({{contact.email}}), about #{{conversation.id}} on {{inbox.name}}.';
    expect(fillVariables(text, vars)).toEqual({ ok: true, text: 'Hi Jane Doe (jane.doe@example.com), about #27 on Acme Website.' });
  });

  it('when the contact has no phone number, then contact.phone is reported missing and nothing is filled', () => {
    expect(fillVariables('Hi {{contact.name}}, we will call {{contact.phone}}.', vars)).toEqual({ ok: false, missing: ['contact.phone'] });
  });

  it('when a variable names the agent or is unknown, then the bot cannot fill it', () => {
    expect(fillVariables('I am {{agent.name}}. {{constructor}} {{contact.custom_attribute.plan}}', vars)).toEqual({
      ok: false,
      missing: ['agent.name', 'constructor', 'contact.custom_attribute.plan'],
    });
  });

  it('when only the conversation meta lacks a sender, then the message sender (a contact) is used, capitalised like Chatwoot does', () => {
    const conversation = { ...ev.conversation, meta: {} };
    const v = messageVariables(conversation, { sender: { id: 5, name: 'ana maría lópez', email: 'ana@example.com' }, inbox: ev.inbox });
    expect(v).toMatchObject({ 'contact.name': 'Ana María López', 'contact.first_name': 'Ana', 'contact.last_name': 'López', 'contact.id': '5' });
  });

  it('when the contact is an anonymous widget visitor with a generated name, then no name variable is known', () => {
    const conversation = { ...ev.conversation, meta: { sender: { id: 9, name: 'silent-moon-4823' } } };
    expect(fillVariables('Hi {{contact.first_name}}!', messageVariables(conversation))).toEqual({ ok: false, missing: ['contact.first_name'] });
  });

  it('when a text repeats a variable, then it is listed once', () => {
    expect(variablesIn('{{contact.name}} {{ contact.name }} {{inbox.id}}')).toEqual(['contact.name', 'inbox.id']);
  });
});
