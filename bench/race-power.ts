// How reliably does the overbooking race catch an overselling release, how rarely does it cry wolf, and how long does it take?
// Usage: node --import tsx bench/race-power.ts [runs=100]
// Starts a healthy sandbox and one with --fault overbooking, runs the race check `runs` times against each, for
// Holdfast's barrier race (defaults from the config) and for a naive race (50 holds in one Promise.all, no barrier).
import pg from 'pg';
import { startSandbox } from '../sandbox/index.ts';
import { ApiClient } from '../src/client/api-client.ts';
import { closePools } from '../src/client/pools.ts';
import { Recorder } from '../src/client/recorder.ts';
import { loadConfig } from '../src/config/load.ts';
import { signIn, type Session } from '../src/flows/auth.ts';
import { findPackage } from '../src/flows/catalog.ts';
import { syntheticUser } from '../src/flows/identity.ts';
import { nightAt } from '../src/systems/tripavail/inventory.ts';
import { tripavailSystem } from '../src/systems/tripavail/adapter.ts';
import { raceRound } from '../src/integrity/race.ts';
import { percentile } from '../src/stats/percentile.ts';

const runs = Number(process.argv[2] ?? 100);
const HARD_STOP_MS = 20 * 60_000;
const benchStarted = Date.now();

interface Strategy {
  name: string;
  strategy: 'barrier' | 'naive';
  concurrency: number;
  rounds: number;
  budgetMs: number;
}

const defaults = loadConfig({ HOLDFAST_BASE_URL: 'http://127.0.0.1:1' }).race;
const strategies: Strategy[] = [
  { name: `holdfast barrier race (${defaults.concurrency} × up to ${defaults.rounds} rounds, ${defaults.budgetMs} ms budget)`, strategy: 'barrier', ...defaults },
  { name: 'naive race (50 holds, one Promise.all, one round)', strategy: 'naive', concurrency: 50, rounds: 1, budgetMs: 0 },
];

async function measure(fault: string | undefined, s: Strategy) {
  const sandbox = await startSandbox({ port: 0, webPort: 0, faults: fault ? [fault] : [] });
  const config = loadConfig({ HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_ENVIRONMENT: 'sandbox', HOLDFAST_RUN_ID: `bench-${Date.now()}` });
  const api = new ApiClient({ baseUrl: config.baseUrl, profile: config.profile, runId: config.runId, timeoutMs: 10_000, recorder: new Recorder(100) });
  const admin = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  try {
    const pkg = await findPackage(api, 'hotel', config.profile.stock.race!);
    const system = tripavailSystem();
    let detected = 0;
    let errored = 0;
    const durations: number[] = [];
    for (let run = 0; run < runs && Date.now() - benchStarted < HARD_STOP_MS; run += 1) {
      const started = performance.now();
      try {
        // What one check does: sign in distinct users, then race round after round until a violation or the budget.
        const contenders: Session[] = await Promise.all(
          Array.from({ length: s.concurrency }, () => signIn(api, 'password', syntheticUser(config.runId, 'example.test', 'bench'))),
        );
        const deadline = Date.now() + s.budgetMs;
        let violated = false;
        for (let round = 0; round < s.rounds && (round === 0 || Date.now() < deadline) && !violated; round += 1) {
          const night = nightAt(10 + ((run * 3 + round) % 100));
          const result = await raceRound({
            system, ctx: { api, config, db: admin }, owner: contenders[0]!, contenders, timeoutMs: 10_000,
            slot: { label: `${pkg.name} on ${night.checkInDate}`, data: { pkg, night } }, onReserved: () => {}, strategy: s.strategy,
          });
          violated = result.violations.length > 0;
        }
        durations.push(performance.now() - started);
        if (violated) detected += 1;
      } catch (error) {
        // A transport failure is neither a detection nor a clean run: counted apart, and the bench goes on.
        errored += 1;
        console.error(`run ${run}: ${(error as Error).message.split('\n')[0]}`);
      }
      await resetRaceRoom(admin, pkg.id);
    }
    return { runs: durations.length, detected, errored, p50: percentile(durations, 50), p95: percentile(durations, 95), max: Math.max(...durations) };
  } finally {
    await admin.end();
    await closePools();
    await sandbox.stop();
  }
}

/** Bench-only: put the race room back to full so every run starts from the same state. */
async function resetRaceRoom(db: pg.Pool, packageId: string) {
  await db.query(`DELETE FROM "Booking" WHERE "hotelPackageId" = $1`, [packageId]);
  await db.query(
    `UPDATE "InventoryNight" n SET "availableUnits" = n."totalUnits" FROM "HotelPackage" p WHERE p."id" = $1 AND p."roomId" = n."roomId"`,
    [packageId],
  );
}

for (const s of strategies) {
  const onFault = await measure('overbooking', s);
  const onHealthy = await measure(undefined, s);
  console.log(`\n${s.name}`);
  console.log(`  detection on --fault overbooking: ${onFault.detected}/${onFault.runs} = ${((100 * onFault.detected) / onFault.runs).toFixed(1)} %${onFault.errored ? `, ${onFault.errored} runs errored` : ''}  (check time p50 ${onFault.p50.toFixed(0)} ms, p95 ${onFault.p95.toFixed(0)} ms, max ${onFault.max.toFixed(0)} ms)`);
  console.log(`  false alarms on the healthy sandbox: ${onHealthy.detected}/${onHealthy.runs} = ${((100 * onHealthy.detected) / onHealthy.runs).toFixed(1)} %${onHealthy.errored ? `, ${onHealthy.errored} runs errored` : ''}  (check time p50 ${onHealthy.p50.toFixed(0)} ms, p95 ${onHealthy.p95.toFixed(0)} ms, max ${onHealthy.max.toFixed(0)} ms)`);
}
