// The dialects' other fault switches (drifted health, missing lockout, down) fail the gate at their severity; and the
// profile abstraction holds: no spec names a system or spells a route.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profiles } from '../../src/profiles/index.ts';
import { worstFailure } from '../../src/verdict/schema.ts';
import { gate } from '../helpers/dialect-gate.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { sharedSandbox } from '../helpers/shared-sandbox.ts';

const faultCases = [
  { dialect: 'servicelink', fault: 'health-drift', caughtBy: 'api.runbook.drift', severity: 'P2' },
  { dialect: 'travellr', fault: 'health-drift', caughtBy: 'api.runbook.drift', severity: 'P2' },
  { dialect: 'erp', fault: 'no-login-lockout', caughtBy: 'api.auth.brute-force-lock', severity: 'P1' },
  // Sign-up answers with a token there, so only the password check logs in: it must see the login fail.
  { dialect: 'servicelink', fault: 'login-500', caughtBy: 'api.auth.password-login', severity: 'P0' },
  { dialect: 'soleil', fault: 'api-down', caughtBy: 'api.health.liveness', severity: 'P0' },
  // Where sign-up takes a role, asking for an admin must not grant it (Soleil's sign-up takes none).
  { dialect: 'travellr', fault: 'signup-grants-admin', caughtBy: 'api.auth.no-self-privilege', severity: 'P0' },
  { dialect: 'servicelink', fault: 'signup-grants-admin', caughtBy: 'api.auth.no-self-privilege', severity: 'P0' },
  { dialect: 'erp', fault: 'signup-grants-admin', caughtBy: 'api.auth.no-self-privilege', severity: 'P0' },
] as const;

for (const c of faultCases) describe(c.dialect, () => {
  const sandboxWith = sharedSandbox({ dialect: c.dialect });
  test(`${c.dialect}: --fault ${c.fault} fails the gate with ${c.severity} from ${c.caughtBy}`, async () => {
    const { run, verdict, context, status } = await gate(await sandboxWith([c.fault]), c.severity === 'P0' ? c.caughtBy : undefined);
    assert.equal(run.code, 1, context);
    assert.equal(status(c.caughtBy), 'failed', context);
    assert.equal(worstFailure(verdict.checks), c.severity, context);
  });
});

const STATUS_LITERAL = /(?:status\w*\s*(?:===|!==|>=|<=|>|<)\s*|toBe\(\s*|\.expect\(\s*'\w+',\s*|=>\s*|status:\s*)[1-5]\d\d\b/;

test('the status-literal guard catches the shapes specs used to spell', () => {
  for (const spelled of ["expect(res.status).toBe(400)", "api.expect('me', 200, {})", "a.status >= 500", "answers.map(() => 201)"]) assert.match(spelled, STATUS_LITERAL, spelled);
  assert.doesNotMatch("query: { pageSize: 101 }", STATUS_LITERAL);
});

test('no spec names a system, a route or a status: adding a profile touches nothing under tests/', () => {
  const specs = readdirSync(join(repoRoot, 'tests'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const systems = Object.values(profiles).map((p) => p.name).filter((n) => n !== 'tripavail');
  for (const file of specs) {
    const text = readFileSync(join(repoRoot, 'tests', file), 'utf8');
    for (const name of systems) assert.doesNotMatch(text, new RegExp(`\\b${name}\\b`, 'i'), `tests/${file} names ${name}`);
    assert.doesNotMatch(text, /['"`]\/(?:v1|api|auth|jobs|health)\b/, `tests/${file} spells a route`);
    // Statuses come from the route table (api.succeed, api.successStatus) or the profile's rejections.
    assert.doesNotMatch(text, STATUS_LITERAL, `tests/${file} spells an HTTP status`);
  }
});
