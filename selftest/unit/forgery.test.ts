// Are the suite's forged credentials what they claim to be, whatever the real token looks like?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { claimsSwapped, forgeries, identityClaims, judgeForgery, oneCharacterChanged, unsignedJwt, wrongKeyJwt } from '../../src/flows/forgery.ts';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const realJwt = (() => {
  const head = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}`;
  return `${head}.${createHmac('sha256', 'server-key').update(head).digest('base64url')}`;
})();

test('identity claims name the user under sub, userId and id, and expire in the future', () => {
  const claims = identityClaims({ id: 'u-1', email: 'a@example.test' }, 1_000);
  assert.deepEqual(claims, { sub: 'u-1', userId: 'u-1', id: 'u-1', email: 'a@example.test', role: 'TRAVELER', iat: 1_000, exp: 1_900 });
});

test('an unsigned JWT says alg none, carries the claims and an empty signature', () => {
  const [header, payload, signature, ...rest] = unsignedJwt({ sub: 'u-1' }).split('.');
  assert.deepEqual(decode(header!), { alg: 'none', typ: 'JWT' });
  assert.deepEqual(decode(payload!), { sub: 'u-1' });
  assert.equal(signature, '');
  assert.deepEqual(rest, []);
});

test('a wrong-key JWT is a valid HS256 token under the given key, and not under another', () => {
  const token = wrongKeyJwt({ sub: 'u-1' }, 'attacker-key');
  const [header, payload, signature] = token.split('.');
  assert.equal(decode(header!).alg, 'HS256');
  assert.equal(signature, createHmac('sha256', 'attacker-key').update(`${header}.${payload}`).digest('base64url'));
  assert.notEqual(signature, createHmac('sha256', 'server-key').update(`${header}.${payload}`).digest('base64url'));
  assert.notEqual(wrongKeyJwt({ sub: 'u-1' }), wrongKeyJwt({ sub: 'u-1' }), 'a fresh random key each time');
});

test('one character changed: exactly one, a letter or digit, inside the signature of a JWT', () => {
  const changed = oneCharacterChanged(realJwt);
  assert.equal(changed.length, realJwt.length);
  const diffs = [...realJwt].map((c, i) => (c === changed[i] ? -1 : i)).filter((i) => i >= 0);
  assert.equal(diffs.length, 1);
  const signatureStart = realJwt.lastIndexOf('.') + 1;
  assert.ok(diffs[0]! > signatureStart && diffs[0]! < realJwt.length - 1, 'away from the signature\'s padding bits');
  assert.match(changed[diffs[0]!]!, /[A-Za-z0-9]/);
});

test('one character changed: an opaque token changes in its id, and a token ending in a dot still changes', () => {
  const opaque = 'mock-access-3f2a9c1e-0b7d-4e8a-9c51-6d2f0a1b2c3d';
  const changed = oneCharacterChanged(opaque);
  const at = [...opaque].findIndex((c, i) => c !== changed[i]);
  assert.ok(at >= 'mock-access-'.length, `changed at ${at}`);
  assert.equal([...opaque].filter((c, i) => c !== changed[i]).length, 1);
  const unsigned = unsignedJwt({ sub: 'u' });
  assert.notEqual(oneCharacterChanged(unsigned), unsigned);
  assert.equal(oneCharacterChanged('z'), 'a');
  assert.throws(() => oneCharacterChanged('.-.'));
});

test('claims swapped keep a JWT\'s signature; an opaque token cannot be swapped', () => {
  const swapped = claimsSwapped(realJwt, { sub: 'b' })!;
  assert.equal(swapped.split('.')[2], realJwt.split('.')[2]);
  assert.deepEqual(decode(swapped.split('.')[1]!), { sub: 'b' });
  assert.equal(claimsSwapped('mock-access-123', { sub: 'b' }), undefined);
});

test('the forgery set names both users and does not depend on the real token being a JWT', () => {
  const a = { label: 'user A', id: 'id-a', email: 'a@example.test' };
  const b = { label: 'user B', id: 'id-b', email: 'b@example.test' };
  const opaque = forgeries('mock-access-id-a', a, b);
  assert.equal(opaque.length, 5);
  assert.deepEqual(opaque.map((f) => f.names), ['id-a', 'id-a', undefined, 'id-b', 'id-b']);
  for (const f of opaque.filter((x) => x.names)) assert.equal(decode(f.token.split('.')[1]!).sub, f.names);
  assert.ok(opaque.every((f) => f.token !== 'mock-access-id-a'));
  const jwt = forgeries(realJwt, a, b);
  assert.equal(jwt.length, 6);
  assert.match(jwt[5]!.name, /user A's signature over claims naming user B/);
});

test('a forgery is refused only by the unauthenticated status; any 2xx is accepted', () => {
  assert.equal(judgeForgery(401, 401), 'refused');
  assert.equal(judgeForgery(200, 401), 'accepted');
  assert.equal(judgeForgery(201, 401), 'accepted');
  assert.equal(judgeForgery(404, 401), 'not-refused');
  assert.equal(judgeForgery(500, 401), 'not-refused');
});
