import express from 'express';
import type { AddressInfo } from 'node:net';

/** The baseline: Express answering 200 to the same POSTs, doing nothing else. */
const app = express();
app.disable('x-powered-by');
app.post('/chatwoot/webhook', (_req, res) => {
  res.status(200).json({ status: 'queued' });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
