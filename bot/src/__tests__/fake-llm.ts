import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local stand-in for an OpenAI-compatible chat completions API. */
export function fakeLlm(reply: (body: { messages: Array<{ role: string; content: string }> }) => string | number) {
  const requests: Array<{ auth?: string; body: { model: string; messages: Array<{ role: string; content: string }> } }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ auth: req.headers.authorization, body });
      const out = reply(body);
      if (typeof out === 'number') return void res.writeHead(out).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: out } }] }));
    });
  });
  return new Promise<{ url: string; requests: typeof requests; server: Server }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests, server })),
  );
}

