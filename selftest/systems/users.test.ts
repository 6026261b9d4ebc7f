// Are pre-provisioned users read as secrets, split between workers, and shared sessions signed in once per run?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactText } from '../../src/client/redact.ts';
import type { Session } from '../../src/flows/auth.ts';
import { readUsersFile, RunShare, shareOf } from '../../src/systems/users.ts';
import { SuiteError } from '../../src/verdict/suite-error.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'holdfast-users-test-'));

test('HOLDFAST_USERS_FILE: passwords become secrets; customers and counterparts split between workers', () => {
  const file = join(dir(), 'users.json');
  const users = Array.from({ length: 5 }, (_, i) => ({ email: `u${i}@example.test`, password: `Secret-${i}-pw!` }));
  writeFileSync(file, JSON.stringify({ customer: users }));
  const read = readUsersFile(file);
  assert.equal(redactText(`logged ${users[3]!.password}`).includes(users[3]!.password), false);
  const w0 = shareOf(read, 0, 2);
  const w1 = shareOf(read, 1, 2);
  assert.deepEqual(w0.customer.map((u) => u.email), ['u0@example.test']);
  assert.deepEqual(w0.counterpart.map((u) => u.email), ['u2@example.test', 'u4@example.test']);
  assert.deepEqual(w1.customer.map((u) => u.email), ['u1@example.test']);
  assert.deepEqual(w1.counterpart.map((u) => u.email), ['u3@example.test']);
});

test('HOLDFAST_USERS_FILE: a malformed file is a suite error naming the field, never a value', () => {
  const file = join(dir(), 'users.json');
  writeFileSync(file, JSON.stringify({ customer: [{ email: 'a@example.test', password: 42 }] }));
  assert.throws(() => readUsersFile(file), (e: unknown) => e instanceof SuiteError && /customer\.0\.password/.test(e.message) && !e.message.includes('42'));
});

test("the run's workers share a signed-up session: one sign-in per key, the others wait for it", async () => {
  const share = new RunShare(join(dir(), 'run'));
  let signIns = 0;
  const create = async (): Promise<Session> => {
    signIns += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return { token: 'tok-shared-1', email: 'c@example.test', user: { id: 'u1', email: 'c@example.test', role: 'TRAVELER' } };
  };
  const sessions = await Promise.all([share.session('customer-0', create), new RunShare(share.dir).session('customer-0', create)]);
  assert.equal(signIns, 1);
  assert.deepEqual(sessions[0], sessions[1]);
  assert.equal(statSync(join(share.dir, 'customer-0.json')).mode & 0o777, 0o600);
  assert.equal(statSync(share.dir).mode & 0o077, 0);
  await assert.rejects(share.session('counterpart-0', async () => { throw new Error('refused'); }), /refused/);
  const after = await share.session('counterpart-0', create);
  assert.equal(after.token, 'tok-shared-1');
});
