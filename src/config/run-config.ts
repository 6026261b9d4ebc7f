// How the CLI hands its one resolved Config to Playwright's workers and reporter: a file without secrets, secrets by env.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile, TableNames } from '../profiles/types.ts';
import { getProfile } from '../profiles/index.ts';
import { loadConfig, type Config } from './load.ts';

/** The variable that points workers at the run's config file. */
export const RUN_CONFIG_VARIABLE = 'HOLDFAST_RUN_CONFIG';

/** Config fields that hold secrets: never written to the file, passed to workers by their own variables. */
const secretFields = { token: 'HOLDFAST_TOKEN', databaseUrl: 'HOLDFAST_DATABASE_URL', cleanupToken: 'HOLDFAST_CLEANUP_TOKEN' } as const satisfies Partial<Record<keyof Config, string>>;
type SecretField = keyof typeof secretFields;

/** What the file holds: the config without secrets, the profile by name plus any table override. */
export type PublicConfig = Omit<Config, SecretField | 'profile'> & { profile: string; tables?: TableNames; raceStock?: string };

export function publicConfig(config: Config): PublicConfig {
  const { profile, token: _token, databaseUrl: _databaseUrl, cleanupToken: _cleanupToken, ...rest } = config;
  // Belt and braces: a secret field added to Config without an entry above still never reaches the file.
  const safe = Object.fromEntries(Object.entries(rest).filter(([key]) => !/token|secret|password/i.test(key)));
  const raceStock = profile.stock.race !== getProfile(profile.name)?.stock.race ? profile.stock.race : undefined;
  return { ...(safe as typeof rest), profile: profile.name, ...(profile.tables ? { tables: profile.tables } : {}), ...(raceStock ? { raceStock } : {}) };
}

/** Writes the run's config next to its reports; returns the environment the Playwright child needs (path + secrets). */
export function handOver(config: Config, dir: string): Record<string, string> {
  const path = join(dir, 'run-config.json');
  writeFileSync(path, `${JSON.stringify(publicConfig(config), null, 2)}\n`, { mode: 0o600 });
  const env: Record<string, string> = { [RUN_CONFIG_VARIABLE]: path, HOLDFAST_REPORTS_DIR: config.reportsDir };
  for (const [field, variable] of Object.entries(secretFields)) {
    const value = config[field as SecretField];
    if (value) env[variable] = value;
  }
  if (config.webUrl) env.HOLDFAST_WEB_URL = config.webUrl;
  return env;
}

/** The run's config as the CLI resolved it, or (Playwright run by hand) parsed from the environment. */
export function runConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const path = env[RUN_CONFIG_VARIABLE];
  if (!path) return loadConfig(env);
  const stored = JSON.parse(readFileSync(path, 'utf8')) as PublicConfig;
  const known = getProfile(stored.profile);
  if (!known) throw new Error(`${path}: unknown profile "${stored.profile}"`);
  const mapped: Profile = stored.tables ? { ...known, tables: stored.tables } : known;
  const profile: Profile = stored.raceStock ? { ...mapped, stock: { ...mapped.stock, race: stored.raceStock } } : mapped;
  const { profile: _name, tables: _tables, raceStock: _raceStock, ...rest } = stored;
  return { ...rest, profile, token: env.HOLDFAST_TOKEN || undefined, databaseUrl: env.HOLDFAST_DATABASE_URL || undefined, cleanupToken: env.HOLDFAST_CLEANUP_TOKEN || undefined };
}

/** A short hash of what a process resolved, so the reporter can tell a worker that saw another config. */
export function fingerprint(config: Config): string {
  return createHash('sha256').update(JSON.stringify(publicConfig(config))).digest('hex').slice(0, 16);
}
