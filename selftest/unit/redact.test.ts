// Do secrets stay out of everything the suite writes?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactHeaders, redactText, redactUrl, redactValue, registerSecret } from '../../src/client/redact.ts';

test('database URL passwords are masked', () => {
  assert.equal(redactUrl('postgres://app:hunter2-long@db.internal:5432/trip'), 'postgres://app:***@db.internal:5432/trip');
});

test('bearer tokens, JWTs and registered secrets are masked in text', () => {
  registerSecret('opaque-token-value-123');
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
  const text = redactText(`Authorization: Bearer abc.def.ghi; token=${jwt}; other=opaque-token-value-123`);
  assert.doesNotMatch(text, /abc\.def\.ghi|eyJhbGci|opaque-token-value-123/);
});

test('secret-named fields are masked at any depth; others are kept', () => {
  const out = redactValue({ email: 'a@b.test', password: 'p', nested: [{ accessToken: 't', refreshToken: 'r', id: 1 }] });
  assert.deepEqual(out, { email: 'a@b.test', password: '***', nested: [{ accessToken: '***', refreshToken: '***', id: 1 }] });
});

test('authorization and cookie headers are masked', () => {
  assert.deepEqual(redactHeaders({ authorization: 'Bearer x', cookie: 'sid=1', 'x-request-id': 'r1' }), { authorization: '***', cookie: '***', 'x-request-id': 'r1' });
});

test('masks any of thousands of registered secrets, the longest first where two share a beginning', () => {
  const secrets = Array.from({ length: 5_000 }, (_, i) => `tok-${String(i).padStart(5, '0')}-${'x'.repeat(i % 7)}`);
  for (const s of secrets) registerSecret(s);
  registerSecret('shared-prefix-long-secret');
  registerSecret('shared-prefix');
  const text = `a ${secrets[4321]} b ${secrets[7]}c shared-prefix-long-secret and shared-prefix.`;
  assert.equal(redactText(text), 'a *** b ***c *** and ***.');
});
