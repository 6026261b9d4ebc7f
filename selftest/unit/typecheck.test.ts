// Does everything type-check: the engine, specs and sandbox against Node's types, the k6 scripts against @types/k6?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.ts';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// tsc's incremental state lives in this machine's cache (as the selftest durations do): an unchanged file is not checked
// again, a changed one and everything that depends on it is. A clean clone checks everything.
const buildInfo = (project: string) => join(repoRoot, 'node_modules', '.cache', 'holdfast', `${project.replaceAll('/', '-')}.tsbuildinfo`);

for (const project of ['tsconfig.json', 'load/tsconfig.json']) {
  test(`tsc --noEmit -p ${project}`, () => {
    const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project, '--incremental', '--tsBuildInfoFile', buildInfo(project)], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
}
