// A loopback proxy in front of a sandbox that can be told to answer 503 for a while: outages on demand for monitor tests.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SwitchableProxy {
  url: string;
  /** Requests still to fail with 503 (Infinity for a sustained outage). */
  failNext: number;
  close(): Promise<void>;
}

export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const upstream = new URL(target);
  const state = { failNext: 0 };
  const server: Server = createServer((req, res) => {
    if (state.failNext > 0 && req.url?.endsWith('/health')) {
      state.failNext -= 1;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"statusCode":503,"message":"down"}');
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get failNext() {
      return state.failNext;
    },
    set failNext(n: number) {
      state.failNext = n;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
