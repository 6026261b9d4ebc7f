// Is the README's profiles table the one the profiles generate (npm run docs:profiles)?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTable } from '../../scripts/docs-profiles.ts';
import { repoRoot } from '../helpers/run-cli.ts';

test('README.md carries the profiles table generated from src/profiles (run npm run docs:profiles when this fails)', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.equal(withTable(readme), readme);
});
