import express, { Router } from 'express';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from '../http/errors.ts';

const ORIGIN_META = /<meta name="chatwoot-origin" content="[^"]*"\s*\/?>/;
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The built dashboard app (`dashboard-app/dist`). Only the Chatwoot origin may frame it, it
 * may only talk to this server, and it sends no referrer (the token sits in the fragment).
 * index.html names the Chatwoot origin, so the app can take Chatwoot's first post at once.
 */
export function staticApp(distDir: string, chatwootOrigin: string): Router {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${chatwootOrigin}`,
  ].join('; ');
  const indexFile = join(distDir, 'index.html');
  let index: { mtimeMs: number; html: string } | undefined;
  const indexHtml = () => {
    const { mtimeMs } = statSync(indexFile);
    if (index?.mtimeMs !== mtimeMs) {
      const html = readFileSync(indexFile, 'utf8').replace(ORIGIN_META, `<meta name="chatwoot-origin" content="${attr(chatwootOrigin)}">`);
      index = { mtimeMs, html };
    }
    return index.html;
  };

  const router = Router();
  router.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  router.get(['/', '/index.html'], (_req, res, next) => {
    if (!existsSync(indexFile)) return next();
    res.set('Cache-Control', 'no-cache').type('html').send(indexHtml());
  });
  router.use(
    express.static(distDir, {
      index: false,
      // Vite fingerprints everything under assets/.
      setHeaders: (res) => res.set('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  router.use((req, _res, next) => {
    if (!existsSync(indexFile)) {
      return next(new HttpError(503, 'the dashboard app is not built: run `pnpm --filter @sbf-chatwoot/dashboard-app build`'));
    }
    next(new HttpError(404, `no dashboard asset ${req.path}`));
  });
  return router;
}
