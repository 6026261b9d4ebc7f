// Is every route of the four systems spelled once, in its table (src/systems/<name>/routes.ts), and served from it?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../src/contract/routes.ts';
import { routes as erp } from '../../src/systems/erp/routes.ts';
import { routes as servicelink } from '../../src/systems/servicelink/routes.ts';
import { routes as soleil } from '../../src/systems/soleil/routes.ts';
import { routes as travellr } from '../../src/systems/travellr/routes.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const tables: Record<string, Record<string, Route>> = { travellr, soleil, servicelink, erp };
const files = (name: string) => [`src/systems/${name}/routes.ts`, `src/systems/${name}/profile.ts`, `src/systems/${name}/adapter.ts`, `src/systems/${name}/readers.ts`, `sandbox/dialects/${name}.ts`];

test('no route path is spelled outside its system\'s routes.ts (adapter, profile, readers and dialect import it)', () => {
  for (const [name, table] of Object.entries(tables)) {
    const texts = files(name).map((f) => { try { return [f, readFileSync(join(repoRoot, f), 'utf8')] as const; } catch { return [f, ''] as const; } });
    for (const path of new Set(Object.values(table).map((r) => r.path))) {
      const methods = Object.values(table).filter((r) => r.path === path).length;
      const spelled = texts.flatMap(([f, text]) => Array.from({ length: text.split(`'${path}'`).length - 1 }, () => f));
      // Once per method that serves it (GET and POST /jobs are two routes), and only in the table.
      assert.deepEqual(spelled, Array.from({ length: methods }, () => `src/systems/${name}/routes.ts`), `${name}: '${path}' is spelled in ${spelled.join(', ')}`);
    }
  }
});

test("every dialect serves exactly its system's table", async () => {
  const { dialects } = await import('../../sandbox/dialects/index.ts');
  const { Faults } = await import('../../sandbox/faults.ts');
  for (const [name, table] of Object.entries(tables)) {
    const dialect = dialects[name as keyof typeof dialects].build({} as never, new Faults());
    const served = dialect.routes.map((r) => `${r.route.method} ${r.route.path}`).sort();
    assert.deepEqual(served, Object.values(table).map((r) => `${r.method} ${r.path}`).sort(), name);
  }
});
