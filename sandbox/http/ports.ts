// Which port is free, and a clear error when the one asked for is not.
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(port: number, flag: string) {
    super(`port ${port} is already in use (${flag})`);
  }
}
