// api and integrity share one Playwright project (one worker pool) only when both are asked for; a check's stage still
// comes from its folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POOLED_PROJECT, POOLED_PROJECTS_ENV, pooledProjects, stageOfSpec } from '../../src/cli/pooled-projects.ts';

test('api and integrity together run as one project; alone, or with web only, as themselves', () => {
  assert.deepEqual(pooledProjects(['api', 'integrity', 'web']), { projects: [POOLED_PROJECT, 'web'], env: { [POOLED_PROJECTS_ENV]: '1' } });
  assert.deepEqual(pooledProjects(['integrity', 'api']), { projects: [POOLED_PROJECT], env: { [POOLED_PROJECTS_ENV]: '1' } });
  assert.deepEqual(pooledProjects(['api', 'web']), { projects: ['api', 'web'], env: { [POOLED_PROJECTS_ENV]: '0' } });
  assert.deepEqual(pooledProjects(['integrity']), { projects: ['integrity'], env: { [POOLED_PROJECTS_ENV]: '0' } });
});

test("a check's stage is its spec's folder under tests/", () => {
  assert.equal(stageOfSpec('/work/holdfast/tests/integrity/race.spec.ts'), 'integrity');
  assert.equal(stageOfSpec('/work/holdfast/tests/api/auth.spec.ts'), 'api');
  assert.equal(stageOfSpec('C:\\holdfast\\tests\\web\\login.spec.ts'), 'web');
  assert.equal(stageOfSpec('/work/holdfast/selftest/unit/x.test.ts'), undefined);
});
