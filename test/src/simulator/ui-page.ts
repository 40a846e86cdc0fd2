import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { contractDir } from '../fixtures.ts';
import type { SimState } from './state.ts';
import type { SimConversation } from './types.ts';

const typeCode = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** `<` escaped so the JSON cannot close the script element it sits in. */
const scriptSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Chatwoot's appContext for this conversation: the contract fixture, re-aimed at the live state. */
function appContext(conv: SimConversation, agent: { id: number; name: string; email: string }) {
  const ctx = JSON.parse(readFileSync(join(contractDir(), 'dashboard-app/appContext.json'), 'utf8'));
  const c = ctx.data.conversation;
  Object.assign(c, {
    id: conv.display_id,
    account_id: conv.account_id,
    inbox_id: conv.inbox_id,
    status: conv.status,
    custom_attributes: conv.custom_attributes,
    labels: conv.labels,
    messages: conv.messages.map((m) => ({
      id: m.id,
      content: m.content,
      inbox_id: conv.inbox_id,
      conversation_id: conv.display_id,
      message_type: typeCode[m.message_type],
      content_type: m.content_type,
      content_attributes: m.content_attributes,
      created_at: Math.floor(m.created_at / 1000),
      private: m.private,
      source_id: null,
    })),
  });
  ctx.data.currentAgent = { id: agent.id, name: agent.name, email: agent.email };
  return ctx;
}

function page(conv: SimConversation, frameUrl: string | undefined, context: unknown): string {
  const app = frameUrl
    ? `<iframe id="dashboard-app--frame-0-0" src="${esc(frameUrl)}"></iframe>`
    : '<p class="hint">No Dashboard App configured for this account.</p>';
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Conversation #${conv.display_id} (simulated Chatwoot)</title>
<style>body{margin:0;font:14px system-ui;display:flex;height:100vh}#thread{flex:1;overflow:auto;padding:16px;background:#f6f7f9}
.m{max-width:70%;margin:6px 0;padding:8px 12px;border-radius:8px;white-space:pre-wrap;background:#fff}.incoming{background:#e6f0ff}
.private{background:#fff6d6}.who{font-size:11px;color:#667}aside{width:420px;border-left:1px solid #dde}iframe{width:100%;height:100%;border:0}
.hint{padding:16px;color:#667}.choice{margin-top:6px;padding:4px 8px;border:1px solid #99a;border-radius:6px}</style></head><body>
<main id="thread"><h3>Conversation #${conv.display_id} · <span id="status"></span></h3><div id="messages"></div></main>
<aside>${app}</aside>
<script type="application/json" id="app-context">${scriptSafe(context)}</script>
<script>
  const frame = document.getElementById('dashboard-app--frame-0-0');
  const context = JSON.parse(document.getElementById('app-context').textContent);
  const send = () => frame && frame.contentWindow.postMessage(JSON.stringify(context), '*');
  if (frame) frame.addEventListener('load', send);
  window.addEventListener('message', (e) => { if (e.data === 'chatwoot-dashboard-app:fetch-info') send(); });
  async function refresh() {
    const res = await fetch(location.pathname + '.json');
    const conv = await res.json();
    document.getElementById('status').textContent = conv.status;
    const box = document.getElementById('messages');
    box.replaceChildren(...conv.messages.map((m) => {
      const div = document.createElement('div');
      div.className = 'm ' + m.message_type + (m.private ? ' private' : '');
      const who = document.createElement('div');
      who.className = 'who';
      who.textContent = (m.sender_type || 'system') + (m.private ? ' · private note' : '');
      div.append(who, document.createTextNode(m.content || ''));
      // input_select buttons, as the widget shows them; the one the contact clicked is marked.
      const picked = (m.content_attributes.submitted_values || []).map((v) => v.value);
      for (const item of m.content_attributes.items || []) {
        const b = document.createElement('div');
        b.className = 'choice';
        b.textContent = (picked.includes(item.value) ? '✓ ' : '') + item.title;
        div.append(b);
      }
      return div;
    }));
  }
  refresh();
  setInterval(refresh, 1500);
</script></body></html>`;
}

/**
 * A minimal stand-in for Chatwoot's conversation view at Chatwoot's own URL
 * (`/app/accounts/{a}/conversations/{id}`): the thread beside the Dashboard App iframe, fed the
 * appContext exactly as Frame.vue posts it. For the demo; the API never routes here.
 */
export function createUiPages(state: SimState, dashboardApps: Map<number, string>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const m = /^\/app\/accounts\/(\d+)\/conversations\/(\d+)(\.json)?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'GET' || !m) return false;
    const [accountId, displayId] = [Number(m[1]), Number(m[2])];
    const conv = state.findConversation(accountId, displayId);
    const account = state.accounts.get(accountId);
    if (!conv || !account) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such conversation');
      return true;
    }
    if (m[3]) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: conv.status, messages: conv.messages }));
      return true;
    }
    const agent = account.users[0]!;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(conv, dashboardApps.get(accountId), appContext(conv, agent)));
    return true;
  };
}
