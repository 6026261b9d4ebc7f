// How fast does the sandbox come up, and how many holds a second does it take from 20 concurrent clients?
// Usage: node --import tsx bench/sandbox-start.ts
import { startSandbox } from '../sandbox/index.ts';
import { ApiClient } from '../src/client/api-client.ts';
import { closePools } from '../src/client/pools.ts';
import { Recorder } from '../src/client/recorder.ts';
import { loadConfig } from '../src/config/load.ts';
import { signIn, type Session } from '../src/flows/auth.ts';
import { releaseBooking } from '../src/flows/booking.ts';
import { findPackage } from '../src/flows/catalog.ts';
import { syntheticUser } from '../src/flows/identity.ts';
import { nightAt } from '../src/systems/tripavail/inventory.ts';
import { percentile } from '../src/stats/percentile.ts';

const STARTS = 5;
const CLIENTS = 20;
const HOLDS = 2000;
const TIME_LIMIT_MS = 30_000;

const startTimes: number[] = [];
for (let i = 0; i < STARTS; i += 1) {
  const t0 = performance.now();
  const sandbox = await startSandbox({ port: 0, webPort: 0 });
  const ready = await fetch(`${sandbox.apiUrl}/v1/health/ready`);
  if (ready.status !== 200) throw new Error(`start ${i + 1}: readiness answered ${ready.status}`);
  startTimes.push(performance.now() - t0);
  await sandbox.stop();
}
console.log(`time to ready (embedded Postgres included): median ${percentile(startTimes, 50).toFixed(0)} ms over ${STARTS} starts [${startTimes.map((t) => t.toFixed(0)).join(', ')}]`);

const sandbox = await startSandbox({ port: 0, webPort: 0 });
try {
  const config = loadConfig({ HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_RUN_ID: 'bench-holds' });
  const api = new ApiClient({ baseUrl: config.baseUrl, profile: config.profile, runId: config.runId, timeoutMs: 10_000, recorder: new Recorder(10) });
  const pkg = await findPackage(api, 'hotel', config.profile.stock.hotel);
  const clients: Session[] = await Promise.all(Array.from({ length: CLIENTS }, () => signIn(api, 'password', syntheticUser(config.runId, 'example.test', 'bench'))));
  // Quotes are made first (untimed) and spread over 110 nights so the 20-room stock never runs out.
  const quotes: { id: string; client: Session }[] = [];
  for (let i = 0; i < HOLDS; i += CLIENTS) {
    quotes.push(...(await Promise.all(clients.map(async (client, c) => {
      const quote = await api.expect('quote', 201, { token: client.token, body: { packageType: 'HOTEL_PACKAGE', packageId: pkg.id, ...nightAt(1 + ((i + c) % 110)), numberOfGuests: 1, numberOfRooms: 1 } });
      return { id: quote.id, client };
    }))));
  }
  const held: { id: string; token: string }[] = [];
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(clients.map(async () => {
    while (next < quotes.length && performance.now() - t0 < TIME_LIMIT_MS) {
      const { id, client } = quotes[next++]!;
      const s = performance.now();
      const res = await api.call('hold', { token: client.token, body: { quoteId: id }, validate: 'record' });
      latencies.push(performance.now() - s);
      if (res.status === 201) held.push({ id: (res.body as { id: string }).id, token: client.token });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  console.log(`holds under ${CLIENTS} concurrent clients: ${held.length} holds in ${seconds.toFixed(2)} s = ${(held.length / seconds).toFixed(0)} holds/s (hold latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms)`);
  for (let i = 0; i < held.length; i += CLIENTS) await Promise.all(held.slice(i, i + CLIENTS).map((h) => releaseBooking(api, h.token, h.id)));
  await closePools();
} finally {
  await sandbox.stop();
}
process.exit(0);
