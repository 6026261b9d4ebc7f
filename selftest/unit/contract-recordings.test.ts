// Do the contract's schemas accept what TripAvail's real deployment answers? Every recorded exchange on a contract
// route (../shared/recordings/tripavail) must pass the schema for its status, and the fields the suite's steps need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { routes, type Route } from '../../src/contract/routes.ts';

const dir = new URL('../../../shared/recordings/tripavail/', import.meta.url);
const table = Object.entries(routes as Record<string, Route>).map(([name, route]) => ({
  name,
  route,
  pattern: new RegExp(`^/v1${route.path.replace(/:[A-Za-z]+/g, '[^/?]+')}(\\?.*)?$`),
}));

interface Recording {
  request: { method: string; path: string };
  response: { status: number; body: unknown };
}

const issues = (schema: z.ZodType | undefined, body: unknown) => {
  const parsed = schema?.safeParse(body);
  return parsed && !parsed.success ? parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) : [];
};

test("every recorded answer of TripAvail's real code on a contract route fits the contract's schemas", () => {
  let judged = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const rec = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Recording;
    const match = table.find((r) => r.route.method === rec.request.method && r.pattern.test(rec.request.path));
    if (!match) continue; // e.g. the provider cancel: not a contract route
    const schema = match.route.responses[rec.response.status];
    assert.ok(schema, `${file}: ${match.name} answered ${rec.response.status}, a status the route does not declare`);
    assert.deepEqual(issues(schema, rec.response.body), [], `${file}: ${match.name} ${rec.response.status}`);
    assert.deepEqual(issues(match.route.needs?.[rec.response.status], rec.response.body), [], `${file}: fields a step needs`);
    judged += 1;
  }
  assert.ok(judged >= 15, `only ${judged} recordings matched a contract route`);
});
