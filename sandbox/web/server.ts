// The sandbox's web app: a few server-sent pages whose scripts call the API from the browser, as TripAvail's Next.js app does.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findUp } from '../../src/cli/find-up.ts';
import type { Faults } from '../faults.ts';
import { pages, type PageName } from './pages.ts';

export interface WebServerOptions {
  port: number;
  host?: string;
  /** API origin, without /v1. */
  apiUrl: string;
  /** Read on every request, so a fault switched on a running sandbox reaches the next page. */
  faults: Pick<Faults, 'has'>;
}

// Found from the checkout's root, so the bundle in dist/ reads the same file.
const script = readFileSync(join(findUp(import.meta.url, 'sandbox/web/app.js'), 'sandbox/web/app.js'), 'utf8');

const routes: [RegExp, PageName][] = [
  [/^\/$/, 'catalog'],
  [/^\/packages\/?$/, 'catalog'],
  [/^\/login\/?$/, 'login'],
  [/^\/packages\/[^/]+\/?$/, 'package'],
  [/^\/bookings\/[^/]+\/confirmed\/?$/, 'confirmed'],
  [/^\/my-bookings\/?$/, 'myBookings'],
];

export async function startWebServer(opts: WebServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    // web-book-broken: the page renders, but its "Get Quote" button is never wired.
    const settings = { api: `${opts.apiUrl}/v1`, quoteEnabled: !opts.faults.has('web-book-broken') };
    const path = new URL(req.url ?? '/', 'http://web').pathname;
    const headers = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' };
    if (path === '/app.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(script);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end();
      return;
    }
    const page = routes.find(([pattern]) => pattern.test(path))?.[1];
    if (!page) {
      res.writeHead(404, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(pages.notFound(settings));
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(pages[page](settings));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
