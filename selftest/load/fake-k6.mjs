#!/usr/bin/env node
// A stand-in for k6 so `holdfast load` runs end to end without it: writes a recorded summary where the plan says, logs
// what it is told to, exits with the code it is told to. Env: FAKE_K6_SUMMARY (a fixture, or none), FAKE_K6_EXIT,
// FAKE_K6_LOG (a line for stderr), FAKE_K6_SEEN (a file to write what it received: the plan and which secrets, by name).
import { copyFileSync, writeFileSync } from 'node:fs';

const plan = JSON.parse(process.env.HOLDFAST_LOAD_PLAN ?? '{}');
if (process.argv[2] !== 'run' || !plan.summaryPath) {
  console.error('fake k6: expected `run <script>` with HOLDFAST_LOAD_PLAN');
  process.exit(255);
}
if (process.env.FAKE_K6_SEEN) {
  const secrets = ['HOLDFAST_TOKEN', 'HOLDFAST_LOAD_USERS', 'HOLDFAST_DATABASE_URL', 'HOLDFAST_CLEANUP_TOKEN'].filter((k) => process.env[k]);
  writeFileSync(process.env.FAKE_K6_SEEN, JSON.stringify({ args: process.argv.slice(2), plan, secrets, token: process.env.HOLDFAST_TOKEN ?? null }));
}
if (process.env.FAKE_K6_LOG) console.error(process.env.FAKE_K6_LOG);
if (process.env.FAKE_K6_SUMMARY) copyFileSync(process.env.FAKE_K6_SUMMARY, plan.summaryPath);
process.exit(Number(process.env.FAKE_K6_EXIT ?? 0));
