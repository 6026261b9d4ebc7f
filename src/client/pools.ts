// One keep-alive undici Pool per origin, shared by every client in a process.
import { Pool } from 'undici';

const pools = new Map<string, Pool>();

export function poolFor(origin: string, connections = 32): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections, keepAliveTimeout: 10_000, connect: { timeout: 5_000 } });
    pools.set(origin, pool);
  }
  return pool;
}

export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.allSettled(all.map((p) => p.close()));
}
