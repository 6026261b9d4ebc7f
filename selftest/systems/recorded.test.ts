// Do the systems' route tables and readers hold against what the real deployments answered (fixtures/recorded/)?
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../src/contract/routes.ts';
import { isRejection } from '../../src/integrity/race.ts';
import { profiles } from '../../src/profiles/index.ts';
import { routes as erpRoutes } from '../../src/systems/erp/routes.ts';
import { freshListKey, quantityIn } from '../../src/systems/erp/readers.ts';
import { routes as servicelinkRoutes } from '../../src/systems/servicelink/routes.ts';
import { jobCapacity } from '../../src/systems/servicelink/readers.ts';
import { routes as soleilRoutes } from '../../src/systems/soleil/routes.ts';
import { listedUnits } from '../../src/systems/soleil/readers.ts';
import { repoRoot } from '../helpers/run-cli.ts';

interface Recording {
  step: string;
  request: { method: string; path: string; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

const tables: Record<string, Record<string, Route>> = { servicelink: servicelinkRoutes, erp: erpRoutes, soleil: soleilRoutes };
/** Recorded exchanges whose route the suite does not use (and so does not declare). */
const undeclared = new Set(['erp/06-refresh.json']);

function recordings(system: string): [string, Recording][] {
  const dir = join(repoRoot, 'fixtures/recorded', system);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Recording]);
}

function routeOf(table: Record<string, Route>, method: string, path: string): Route | undefined {
  const bare = path.split('?')[0]!;
  return Object.values(table).find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(bare));
}

/** The recordings replace passwords by "<password>": put back one that meets every system's policy before judging a body. */
const withPassword = (body: unknown) => JSON.parse(JSON.stringify(body ?? {}).replaceAll('"<password>"', '"Hf-Recorded-9z!"'));

for (const [system, table] of Object.entries(tables)) describe(system, () => {
  for (const [file, rec] of recordings(system)) {
    test(`${file}: ${rec.request.method} ${rec.request.path} → ${rec.response.status} fits the route table`, () => {
      const r = routeOf(table, rec.request.method, rec.request.path);
      if (undeclared.has(`${system}/${file}`)) return assert.equal(r, undefined);
      assert.ok(r, `no route in src/systems/${system}/routes.ts serves ${rec.request.method} ${rec.request.path}`);
      const schema = r.responses[rec.response.status];
      assert.ok(schema, `${r.method} ${r.path} does not declare ${rec.response.status}`);
      const parsed = schema.safeParse(rec.response.body);
      assert.ok(parsed.success, `${file}: ${parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      // What the client sent, where the recording kept it, is what the route's request schema accepts (validation refusals aside).
      if (r.body && rec.request.body && rec.response.status < 400) assert.ok(r.body.safeParse(withPassword(rec.request.body)).success, `${file}: the recorded request body breaks ${r.path}'s body schema`);
    });
  }
});

const body = (system: string, file: string) => (recordings(system).find(([f]) => f === file)![1]).response;

test('ServiceLink: a job holds capacity until a quote is accepted (GET /jobs/:id → assignment); an unknown job is an error', () => {
  assert.equal(jobCapacity(servicelinkRoutes.getJob.responses[200].parse(body('servicelink', '12-job-detail.json').body)), 0);
  assert.equal(jobCapacity(servicelinkRoutes.getJob.responses[200].parse({ ...(body('servicelink', '08-job-create.json').body as object) })), 1);
  assert.throws(() => jobCapacity(servicelinkRoutes.getJob.responses[200].parse(body('servicelink', '16-refusal-unknown-id-job-detail.json').body)), /unknown/);
});

test("ServiceLink: the recorded refusals are the profile's (a second accept aside, which was not recorded)", () => {
  assert.ok(isRejection(body('servicelink', '18-refusal-wrong-state-revoke-again.json'), profiles.servicelink!.rejections.wrongState));
  assert.ok(isRejection({ status: 400, body: { statusCode: 400, message: 'Assignment already exists for this job' } }, profiles.servicelink!.rejections.insufficientInventory));
  assert.ok(!isRejection(body('servicelink', '14-refusal-validation-job-bad-body.json'), profiles.servicelink!.rejections.insufficientInventory));
});

test('ERP: stock is read from the list searched by SKU, with a cache key never used before', () => {
  assert.equal(quantityIn(erpRoutes.listInventory.responses[200].parse(body('erp', '07-inventory-list.json').body), 'LAST-004'), 3);
  assert.throws(() => quantityIn(erpRoutes.listInventory.responses[200].parse(body('erp', '07-inventory-list.json').body), 'NOPE-1'), /does not carry/);
  const used = new Set<string>();
  const keys = Array.from({ length: 200 }, () => freshListKey('LAST-004', used));
  assert.equal(new Set(keys.map((k) => `${k.page}|${k.limit}|${k.q}`)).size, 200);
  assert.ok(keys.every((k) => k.limit >= 1 && k.limit <= 200 && erpRoutes.listInventory.query.safeParse(k).success));
  assert.throws(() => freshListKey('LAST-004', used), /spent/);
});

test("ERP: the recorded refusals are the profile's", () => {
  assert.ok(isRejection(body('erp', '14-refusal-insufficient-stock-order.json'), profiles.erp!.rejections.insufficientInventory));
  assert.ok(isRejection(body('erp', '15-refusal-wrong-state-cancel-again.json'), profiles.erp!.rejections.wrongState));
  assert.ok(!isRejection(body('erp', '11-refusal-validation-order-bad-body.json'), profiles.erp!.rejections.insufficientInventory));
  assert.equal(body('erp', '17-login-wrong-password-6th-rate-limited.json').status, profiles.erp!.rejections.rateLimited.status);
});

test('Soleil: a room is free for a range while the search lists it', () => {
  const rooms = soleilRoutes.rooms.responses[200].parse(body('soleil', '07-rooms-list.json').body).data;
  assert.equal(listedUnits(rooms, 2), 1);
  assert.equal(listedUnits(rooms, '2'), 1);
  assert.equal(listedUnits(rooms, 999999), 0);
  assert.ok(isRejection(body('soleil', '11-refusal-already-booked.json'), profiles.soleil!.rejections.insufficientInventory));
  const limited = body('soleil', '18-login-wrong-password-6th-rate-limited.json');
  assert.equal(limited.status, profiles.soleil!.rejections.rateLimited.status);
  assert.ok(limited.headers['retry-after']);
});
