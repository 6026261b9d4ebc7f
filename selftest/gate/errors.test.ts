// Does a down target or bad input end in a verdict or a one-line error, fast, never a stack trace?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { readVerdict, runCli, tempReportsDir } from '../helpers/run-cli.ts';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('an unreachable target fails the gate with a P0 verdict naming the URL, within 5 s', async () => {
  const reportsDir = tempReportsDir('down');
  const url = `http://127.0.0.1:${await closedPort()}`;
  const run = await runCli(['gate', '--target', url, '--load', 'off', '--reports-dir', reportsDir]);
  assert.equal(run.code, 1, run.stderr);
  assert.ok(run.ms < 5_000, `took ${run.ms} ms`);
  const verdict = readVerdict(reportsDir);
  assert.equal(verdict.verdict, 'fail');
  const check = verdict.checks.find((c) => c.id === 'target.reachable');
  assert.equal(check?.severity, 'P0');
  assert.match(check?.error ?? '', new RegExp(`${url.replace(/[.:/]/g, '\\$&')}/v1/health unreachable: connection refused`));
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'a stack trace');
});

test('a bad config value exits 2 with one line naming it', async () => {
  const run = await runCli(['gate', '--target', 'http://127.0.0.1:1', '--load', 'off'], { HOLDFAST_SLO_P95_MS: 'fast' });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /HOLDFAST_SLO_P95_MS: expected milliseconds/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

test('a bad URL and an unknown flag are named', async () => {
  const badUrl = await runCli(['gate', '--target', 'ftp://x', '--load', 'off']);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /HOLDFAST_BASE_URL: expected an http\(s\) URL|env file not found: ftp:\/\/x/);
  const unknown = await runCli(['gate', '--frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /frobnicate/);
});

test('a missing k6 with --load on is one line, exit 2', async () => {
  const run = await runCli(['gate', '--target', 'http://127.0.0.1:1', '--load', 'on'], { PATH: '/usr/bin:/bin', K6_BIN: '' });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /k6 not found/);
});
