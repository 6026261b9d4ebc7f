// PLACEHOLDER (to be replaced by the web helper): serves the sandbox's web pages.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebServerOptions {
  port: number;
  host?: string;
  apiUrl: string;
  faults: ReadonlySet<string>;
}

export async function startWebServer(opts: WebServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>TripAvail</title><h1>Discover &amp; Book</h1>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
