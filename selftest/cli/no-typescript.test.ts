// Does the holdfast command start from compiled JavaScript alone? Its help screens run with TypeScript and the tsx loader forbidden.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildDist } from '../../scripts/build.mjs';
import { repoRoot } from '../helpers/run-cli.ts';

const forbid = join(repoRoot, 'selftest/helpers/forbid-typescript.mjs');

function withoutTypeScript(args: string[]) {
  return spawnSync(process.execPath, ['--import', forbid, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

before(async () => {
  await buildDist();
});

test('the guard is real: importing a TypeScript module under it fails', () => {
  const run = withoutTypeScript(['--input-type=module', '-e', `await import(${JSON.stringify(join(repoRoot, 'src/cli/usage-error.ts'))})`]);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /forbidden: TypeScript module/);
});

for (const args of [['--help'], ['gate', '--help'], ['smoke', '--help']]) {
  test(`holdfast ${args.join(' ')} loads no TypeScript`, () => {
    const run = withoutTypeScript([join(repoRoot, 'bin/holdfast.mjs'), ...args]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^usage: holdfast /);
    assert.equal(run.stderr, '');
  });
}
