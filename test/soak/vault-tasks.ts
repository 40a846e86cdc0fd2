import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Chatwoot conversation id of every `va.task` note in the vault (one entry per note). */
export function taskConversations(vaultDir: string): number[] {
  const out: number[] = [];
  const clients = join(vaultDir, 'clients');
  for (const client of existsSync(clients) ? readdirSync(clients) : []) {
    const dir = join(clients, client, 'tasks');
    for (const name of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md')) : []) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, name), 'utf8'))?.[1];
      const data = front ? (parse(front) as { metadata?: { conversation_id?: number } }) : undefined;
      out.push(Number(data?.metadata?.conversation_id));
    }
  }
  return out;
}
