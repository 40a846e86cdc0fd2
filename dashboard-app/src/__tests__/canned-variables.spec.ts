import { appContextSchema } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import { fillVariables } from '../canned-variables.ts';
import { appContextString } from './fixtures.ts';

const ctx = appContextSchema.parse(JSON.parse(appContextString()));

describe('fillVariables', () => {
  it("when a canned response uses Chatwoot's variables, then they are filled from the context", () => {
    expect(fillVariables('Hi {{contact.first_name}}, {{ agent.first_name }} here (#{{conversation.id}}).', ctx)).toBe(
      'Hi Jane, Sam here (#27).',
    );
  });

  it('when a variable is unknown or empty, then it is left for the VA to see', () => {
    expect(fillVariables('{{contact.phone}} {{order.id}}', ctx)).toBe('{{contact.phone}} {{order.id}}');
  });

  it('when there is no context yet, then the text is unchanged', () => {
    expect(fillVariables('Hi {{contact.name}}', null)).toBe('Hi {{contact.name}}');
  });
});
