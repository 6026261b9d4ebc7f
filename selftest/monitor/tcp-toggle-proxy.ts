// A loopback TCP proxy that can cut its target off: while down, open connections are dropped and new ones reset,
// as a dead load balancer would. Outages on demand for the monitor's tests and bench.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpToggleProxy {
  url: string;
  readonly isDown: boolean;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startTcpToggleProxy(target: string): Promise<TcpToggleProxy> {
  const upstream = new URL(target);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(upstream.hostname)) throw new Error(`loopback targets only, got ${upstream.hostname}`);
  let isDown = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (isDown) return void client.resetAndDestroy();
    const forward = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, forward]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        forward.destroy();
      });
    }
    client.pipe(forward).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get isDown() {
      return isDown;
    },
    down() {
      isDown = true;
      for (const socket of open) socket.destroy();
    },
    up() {
      isDown = false;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
