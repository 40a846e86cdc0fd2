import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import type { DemoClient } from './demo-accounts.ts';
import type { SimMessage, Simulator } from './simulator/index.ts';

export interface SceneDeps {
  sim: Simulator;
  clients: DemoClient[];
  vaultDir: string;
  out: (line?: string) => void;
}

const WAIT_MS = 15_000;
const indent = (text: string, prefix = '    ') => text.split('\n').map((l) => `${prefix}${l}`).join('\n');

/** Whether the client has a published Spanish SOP (`locale: es`). */
function hasSpanishSop(vaultDir: string, slug: string): boolean {
  const dir = join(vaultDir, 'clients', slug, 'sops');
  return readdirSync(dir).some((f) => /^locale:\s*es\s*$/m.test(readFileSync(join(dir, f), 'utf8')));
}

/**
 * The scripted scene: customers write through the simulator, the bot answers or escalates,
 * and the transcript shows what Chatwoot and the vault ended up with. Returns what went wrong.
 */
export async function playScene({ sim, clients, vaultDir, out }: SceneDeps): Promise<string[]> {
  const problems: string[] = [];
  const check = (ok: unknown, problem: string) => {
    if (!ok) problems.push(problem);
    return Boolean(ok);
  };
  const client = (slug: string) => {
    const c = clients.find((x) => x.slug === slug);
    if (!c) throw new Error(`the demo vault has no client "${slug}"`);
    return c;
  };
  const botSaid = (a: number, c: number, after: number, isPrivate: boolean): SimMessage[] =>
    sim.conversation(a, c).messages.filter((m) => m.sender_type === 'agent_bot' && m.private === isPrivate && m.id > after);

  async function customerAsks(title: string, who: { name: string; email: string }, c: DemoClient, display: number, text: string) {
    out(`\n── ${title}`);
    out(`  ${c.name} · account ${c.accountId} · inbox ${c.inboxIds[0]} · conversation #${display}`);
    sim.openConversation({ accountId: c.accountId, displayId: display, inboxId: c.inboxIds[0], contact: who });
    out(`  ${who.name} (customer):`);
    out(indent(text));
    const { message } = await sim.customerSays(c.accountId, display, text);
    return message;
  }

  async function answered(c: DemoClient, display: number, after: SimMessage): Promise<SimMessage | undefined> {
    const reply = await sim.waitFor(() => botSaid(c.accountId, display, after.id, false)[0], WAIT_MS).catch(() => undefined);
    if (!check(reply, `${c.name} #${display}: the bot did not answer`)) return undefined;
    out('  Bot:');
    out(indent(reply!.content ?? ''));
    // An escalation also starts with a public message: let the bot finish before judging.
    await sleep(300);
    await sim.idle();
    const conv = sim.conversation(c.accountId, display);
    check(/\n(Source|Fuente|Quelle|Fonte): /.test(reply!.content ?? ''), `${c.name} #${display}: the reply does not cite a SOP`);
    check(conv.status === 'pending', `${c.name} #${display}: expected the bot to keep the conversation, it is ${conv.status}`);
    check(!botSaid(c.accountId, display, after.id, true).length, `${c.name} #${display}: expected an answer, but it was escalated`);
    out(`  → answered from a SOP; the conversation stays with the bot (${conv.status})`);
    return reply;
  }

  // 1. A question an English SOP answers.
  const acme = client('acme');
  const q1 = await customerAsks('1. A question the SOPs answer', { name: 'Jane Doe', email: 'jane@example.com' }, acme, 1,
    'Hi! I forgot my password and can\'t log in. How do I reset it?');
  const r1 = await answered(acme, 1, q1);
  if (r1) check(/Source: Reset your password/.test(r1.content ?? ''), 'acme #1: the answer should cite the "Reset your password" SOP');

  // 2. The same in Spanish, for a client that writes SOPs in Spanish.
  const bloom = client('bloom');
  if (hasSpanishSop(vaultDir, bloom.slug)) {
    const q2 = await customerAsks('2. A question in Spanish', { name: 'Lucía Gómez', email: 'lucia@example.com' }, bloom, 1,
      'Hola, ¿qué horario tiene la tienda los sábados?');
    const r2 = await answered(bloom, 1, q2);
    if (r2) check(/Fuente: Horario de la tienda/.test(r2.content ?? ''), 'bloom #1: the answer should come from the Spanish SOP "Horario de la tienda"');
  } else {
    out('\n── 2. (skipped: bloom has no Spanish SOP)');
  }

  // 3. Close to two SOPs, certain of neither: the customer picks from buttons (web widget).
  const q3a = await customerAsks('3. A question between two SOPs: the customer picks', { name: 'Kim Lee', email: 'kim@example.com' }, acme, 3,
    'our company card expired, need to put a new one on the account');
  const offer = await sim
    .waitFor(() => botSaid(acme.accountId, 3, q3a.id, false).find((m) => m.content_type === 'input_select'), WAIT_MS)
    .catch(() => undefined);
  const items = (offer?.content_attributes.items ?? []) as Array<{ title: string; value: string }>;
  if (check(items.length > 1, 'acme #3: the bot offered no choice of SOPs')) {
    out('  Bot:');
    out(indent(offer!.content ?? ''));
    for (const item of items) out(`      [ ${item.title} ]`);
    const pick = items[0]!;
    out(`  Kim Lee clicks [ ${pick.title} ]`);
    await sim.customerChooses(acme.accountId, 3, pick.title);
    const r3a = await answered(acme, 3, offer!);
    if (r3a) check(r3a.content?.includes(`Source: ${pick.title}`), 'acme #3: the answer should cite the SOP the customer picked');
  }

  // 4. A refund: a person must handle it.
  const q3 = await customerAsks('4. A refund request: escalated to a VA', { name: 'Omar Haddad', email: 'omar@example.com' }, acme, 2,
    'I want a refund, I was charged twice this month.');
  const opened = await sim
    .waitFor(() => {
      const conv = sim.conversation(acme.accountId, 2);
      return conv.status === 'open' && conv.custom_attributes.sbf_task_uid ? conv : undefined;
    }, WAIT_MS)
    .catch(() => undefined);
  if (!check(opened, 'acme #2: the refund was not handed off (status open, sbf_task_uid set)')) return problems;
  const conv = opened!;
  const taskUid = String(conv.custom_attributes.sbf_task_uid);
  const [handoff] = botSaid(acme.accountId, 2, q3.id, false);
  const [note] = botSaid(acme.accountId, 2, q3.id, true);
  out('  Bot (to the customer):');
  out(indent(handoff?.content ?? '(nothing)'));
  out('  Bot (private note for the VAs):');
  out(indent(note?.content ?? '(nothing)'));
  const vaHandle = Object.entries(acme.agents).find(([, id]) => id === conv.assignee_id)?.[0];
  out(`  → SBF task ${taskUid} created`);
  const taskFile = join(vaultDir, 'clients', acme.slug, 'tasks', `${taskUid}.md`);
  const task = parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(taskFile, 'utf8'))?.[1] ?? '') as Record<string, any>;
  out(`      ${task.title}`);
  out(`      priority ${task.priority}, assigned to ${task.assigned_to}, source ${task.source}, ${task.metadata?.conversation_url}`);
  out(`  → VA chosen: ${vaHandle ?? 'none'} (Chatwoot agent ${conv.assignee_id ?? '-'}), conversation assigned`);
  const last = conv.status_history.at(-1);
  out(`  → status ${last?.from} → ${last?.to} via ${last?.via}; custom_attributes ${JSON.stringify(conv.custom_attributes)}`);

  check(handoff, 'acme #2: no handoff message to the customer');
  check(note?.content?.includes(taskUid), 'acme #2: the private note does not name the task');
  check(vaHandle === 'alice' && task.assigned_to === 'alice', 'acme #2: expected alice (the primary VA) to be assigned');
  check(task.client_uid === 'va-client-acme-001' && task.source === 'chatwoot', 'acme #2: the task is not an acme chatwoot task');
  check(last?.via === 'bot_handoff', 'acme #2: the status was not opened by the bot handoff');
  await sim.idle();
  check(sim.invalidCalls().length === 0, `the bot made calls the Chatwoot API does not accept: ${sim.invalidCalls().map((c) => `${c.method} ${c.path}`).join(', ')}`);
  return problems;
}
