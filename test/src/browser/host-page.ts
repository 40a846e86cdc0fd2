import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostedConversation {
  /** The Dashboard App URL, exactly as configured in Chatwoot. */
  frameUrl: string;
  /** The appContext payload (an object): the page posts `JSON.stringify` of it, like Chatwoot. */
  context: unknown;
  /** Pane width in CSS pixels; Chatwoot gives the app the whole conversation pane. */
  width?: number;
}

/** `<` escaped so the JSON cannot close the script element it sits in. */
const scriptSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * What Chatwoot's `DashboardApp/Frame.vue` does, in one page: a plain iframe (no sandbox, no
 * allow), `postMessage(JSON.stringify({event: 'appContext', data}), '*')` on the iframe's load,
 * and again whenever any window posts `chatwoot-dashboard-app:fetch-info`.
 */
function page(c: HostedConversation): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Chatwoot (host page)</title></head>
<body style="margin:0">
<nav>Messages · SBF</nav>
<iframe id="dashboard-app--frame-0-0" src="${c.frameUrl.replace(/"/g, '&quot;')}" style="width:${c.width ?? 420}px;height:900px;border:0"></iframe>
<script type="application/json" id="app-context">${scriptSafe(c.context)}</script>
<script>
  const frame = document.getElementById('dashboard-app--frame-0-0');
  const payload = JSON.parse(document.getElementById('app-context').textContent);
  window.fetchInfoRequests = 0;
  const send = () => frame.contentWindow.postMessage(JSON.stringify(payload), '*');
  frame.addEventListener('load', send);
  window.addEventListener('message', (event) => {
    if (event.data !== 'chatwoot-dashboard-app:fetch-info') return;
    window.fetchInfoRequests += 1;
    send();
  });
</script>
</body></html>`;
}

/** A Chatwoot stand-in on 127.0.0.1 serving one host page per path. */
export async function startHostPages() {
  const pages = new Map<string, HostedConversation>();
  const server = createServer((req, res) => {
    const hosted = pages.get(new URL(req.url ?? '/', 'http://host').pathname);
    if (!hosted) return void res.writeHead(404).end('no such page');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(hosted));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** Registers a page and returns its URL. */
    host(path: string, conversation: HostedConversation): string {
      pages.set(path, conversation);
      return `${origin}${path}`;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type HostPages = Awaited<ReturnType<typeof startHostPages>>;
