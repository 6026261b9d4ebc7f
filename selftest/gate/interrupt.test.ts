// Does an interrupted run leave nothing behind? Ctrl-C (SIGINT to the whole process group) while synthetic holds exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { startSandbox } from '../../sandbox/index.ts';
import { pollUntil } from '../../src/integrity/poll.ts';
import { repoRoot, tempReportsDir } from '../helpers/run-cli.ts';

const activeSynthetic = `SELECT count(*)::int AS n FROM "Booking" b JOIN "User" u ON u."id" = b."userId"
  WHERE u."email" LIKE $1 AND b."status" IN ('HOLD', 'PAYMENT_PENDING', 'CONFIRMED')`;

test('SIGINT in the middle of the integrity specs: every synthetic hold is released before the run exits', async () => {
  const sandbox = await startSandbox({ port: 0, webPort: 0 });
  const db = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  const runId = `interrupt-${Date.now()}`;
  try {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/holdfast.mjs'), 'gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--project', 'integrity', '--load', 'off', '--reports-dir', tempReportsDir('interrupt')], {
      cwd: repoRoot,
      env: { ...process.env, CI: '1', HOLDFAST_RUN_ID: runId, HOLDFAST_DATABASE_URL: sandbox.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    const pattern = `synthetic+${runId}%`;
    const held = await pollUntil(async () => (await db.query(activeSynthetic, [pattern])).rows[0].n as number, (n) => n > 0, Date.now() + 60_000, 20);
    assert.ok(held.met, `no synthetic hold appeared within 60 s\n${output.slice(-2000)}`);
    process.kill(-child.pid!, 'SIGINT');
    // The watchdog must not outlive the test: a pending 60 s timer would keep this file's process alive that long.
    let watchdog: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => (watchdog = setTimeout(() => resolve('hung'), 60_000)))]);
    clearTimeout(watchdog);
    assert.notEqual(code, 'hung', `the interrupted run did not exit within 60 s\n${output.slice(-2000)}`);

    const left = (await db.query(activeSynthetic, [pattern])).rows[0].n as number;
    assert.equal(left, 0, `${left} synthetic bookings left active after SIGINT (exit ${code})\n${output.slice(-3000)}`);
  } finally {
    await db.end();
    await sandbox.stop();
  }
});
