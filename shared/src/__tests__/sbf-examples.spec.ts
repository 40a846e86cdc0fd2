import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { vaClientSchema, vaCustomerSupportSchema, vaTaskSchema, vaSopSchema } from '../index.ts';
import { contractDir } from './contract-dir.ts';

const examples = join(contractDir(), '../sbf-examples');
const yamlFile = (name: string) => parse(readFileSync(join(examples, name), 'utf8'));
const frontmatter = (name: string) => parse(readFileSync(join(examples, name), 'utf8').split(/^---$/m)[1] ?? '');

describe('SBF example entities', () => {
  it('when the seed va.customer_support is parsed, then account and VAs are read', () => {
    const s = vaCustomerSupportSchema.parse(yamlFile('va-customer-support-acme-001.yaml'));
    expect(s.chatwoot_account_id).toBe(12345);
    expect(s.assigned_vas).toEqual(['alice', 'bob']);
  });

  it('when the variant va.customer_support is parsed, then it is accepted without an account number', () => {
    const s = vaCustomerSupportSchema.parse(yamlFile('va-customer-support-variant.yaml'));
    expect(s.chatwoot_account_id).toBeUndefined();
    expect(s.platform).toBe('chatwoot');
  });

  it('when the va.client example is parsed, then its numeric sensitivity level is kept', () => {
    const c = vaClientSchema.parse(frontmatter('va-client-acme-corp-001.md'));
    expect(c.sensitivity?.level).toBe(4);
    expect(c.time_zone).toBe('America/New_York');
  });

  it('when the SBF entity.created webhook task is parsed, then pending status reads as todo', () => {
    const body = JSON.parse(readFileSync(join(examples, 'webhook-entity-created-va-task.json'), 'utf8'));
    const t = vaTaskSchema.parse(body.entity);
    expect(t.status).toBe('todo');
    expect(t.priority).toBe('normal');
  });

  it('when a task carries a status outside the vocabulary, then parsing fails', () => {
    const body = JSON.parse(readFileSync(join(examples, 'webhook-entity-created-va-task.json'), 'utf8'));
    expect(vaTaskSchema.safeParse({ ...body.entity, status: 'whenever' }).success).toBe(false);
  });

  it('when a SOP has version 1.0 as a YAML number, then it reads as the string "1.0"', () => {
    const sop = vaSopSchema.parse({ uid: 'va-sop-x-001', type: 'va.sop', title: 'X', version: 1.0 });
    expect(sop.version).toBe('1.0');
  });
});
