// The embedded cluster's template: made once, shared by concurrent starts, and never trusted when others could edit it.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { clusterTemplate, templateDir } from '../../sandbox/db/cluster-template.ts';
import { hydrateSymlinks } from '../../sandbox/db/embedded.ts';
import { loadEmbeddedPostgres } from '../../sandbox/db/reachable-binaries.ts';

const options = { user: 'postgres', createPostgresUser: process.getuid?.() === 0, initdbFlags: ['--encoding=UTF8', '--no-sync', '--wal-segsize=1'], onLog: () => {} };

test('two starts at once make one template; one writable by others is made again', async (t) => {
  hydrateSymlinks();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const version = `selftest-${process.pid}-${Date.now()}`;
  const dir = templateDir(version, options);
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  const [a, b] = await Promise.all([clusterTemplate(EmbeddedPostgres, version, options), clusterTemplate(EmbeddedPostgres, version, options)]);
  assert.equal(a.dataDir, b.dataDir);
  assert.equal(a.password, b.password, 'both starts use the one template that was kept');
  assert.ok(existsSync(join(a.dataDir, 'PG_VERSION')));
  assert.equal(statSync(dir).mode & 0o022, 0, 'the template is not writable by others');

  // Someone else could have edited it: it is thrown away and made again.
  chmodSync(dir, 0o777);
  const again = await clusterTemplate(EmbeddedPostgres, version, options);
  assert.notEqual(again.password, a.password);
  assert.equal(statSync(dir).mode & 0o022, 0);
});

test('a template without its completion mark is made again', async (t) => {
  hydrateSymlinks();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const version = `selftest-partial-${process.pid}-${Date.now()}`;
  const dir = templateDir(version, options);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'data'), { recursive: true, mode: 0o755 });
  writeFileSync(join(dir, 'password'), 'left over');
  const template = await clusterTemplate(EmbeddedPostgres, version, options);
  assert.notEqual(template.password, 'left over');
  assert.ok(existsSync(join(template.dataDir, 'PG_VERSION')));
});
