// How the environment becomes a Config: dotenv file (optional) under the real environment, zod, one line per bad variable.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import type { z } from 'zod';
import { UsageError } from '../cli/usage-error.ts';
import { getProfile, profiles, type Profile } from '../profiles/index.ts';
import { EnvSchema, newRunId, type AuthStyle, type Environment, type Env } from './schema.ts';
import type { Slo } from './slo.ts';

export interface Config {
  runId: string;
  baseUrl: string;
  webUrl?: string;
  profile: Profile;
  auth: AuthStyle;
  token?: string;
  /** Operator/provider token for cleanup cancels the guest route refuses (HOLDFAST_CLEANUP_TOKEN, secret). */
  cleanupToken?: string;
  emailDomain: string;
  databaseUrl?: string;
  environment: Environment;
  allowDestructive: boolean;
  reportsDir: string;
  requestTimeoutMs: number;
  slo: Slo;
  holdTtlSeconds: number;
  sweepIntervalMs: number;
  expiryGraceMs: number;
  paymentMethod: string;
  race: { concurrency: number; rounds: number; budgetMs: number };
  baselineUrl?: string;
  regressionPct: number;
  /** Pre-provisioned users (HOLDFAST_USERS_FILE): the path travels in the config, the passwords are read by each worker. */
  usersFile?: string;
}

/** One line per bad variable, naming it and what was expected; the value itself is never echoed. */
export function formatConfigError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)
    .join('\n');
}

/** Reads an env file without touching process.env; the real environment wins over the file. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) throw new UsageError(`env file not found: ${path}`);
  return parseDotenv(readFileSync(path));
}

export function loadConfig(source: Record<string, string | undefined> = process.env, envFile?: string): Config {
  const merged = { ...(envFile ? readEnvFile(envFile) : {}), ...pickDefined(source) };
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) throw new UsageError(`invalid configuration\n${formatConfigError(parsed.error)}`);
  return toConfig(parsed.data);
}

function pickDefined(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((e): e is [string, string] => e[0].startsWith('HOLDFAST_') && e[1] !== undefined && e[1] !== ''),
  );
}

function pickStrings<T extends Record<string, string | undefined>>(record: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter((e) => e[1] !== undefined)) as { [K in keyof T]?: string };
}

function toConfig(env: Env): Config {
  const known = getProfile(env.HOLDFAST_PROFILE);
  if (!known) throw new UsageError(`invalid configuration\nHOLDFAST_PROFILE: unknown profile "${env.HOLDFAST_PROFILE}" (known: ${Object.keys(profiles).join(", ")})`);
  const tables = env.HOLDFAST_TABLES;
  if (tables && !known.tables) throw new UsageError(`invalid configuration\nHOLDFAST_TABLES: profile ${known.name} has no database mapping to override`);
  const mapped: Profile = tables ? { ...known, tables: { ...known.tables!, ...pickStrings(tables) } } : known;
  const profile: Profile = env.HOLDFAST_RACE_STOCK ? { ...mapped, stock: { ...mapped.stock, race: env.HOLDFAST_RACE_STOCK } } : mapped;
  return {
    runId: env.HOLDFAST_RUN_ID ?? newRunId(),
    baseUrl: env.HOLDFAST_BASE_URL,
    webUrl: env.HOLDFAST_WEB_URL,
    profile,
    auth: env.HOLDFAST_AUTH ?? profile.auth.style,
    token: env.HOLDFAST_TOKEN,
    cleanupToken: env.HOLDFAST_CLEANUP_TOKEN,
    emailDomain: env.HOLDFAST_EMAIL_DOMAIN,
    databaseUrl: env.HOLDFAST_DATABASE_URL,
    environment: env.HOLDFAST_ENVIRONMENT,
    allowDestructive: env.HOLDFAST_ALLOW_DESTRUCTIVE,
    reportsDir: env.HOLDFAST_REPORTS_DIR,
    requestTimeoutMs: env.HOLDFAST_REQUEST_TIMEOUT_MS,
    slo: {
      p95Ms: env.HOLDFAST_SLO_P95_MS ?? profile.slo.p95Ms,
      p99Ms: env.HOLDFAST_SLO_P99_MS ?? Math.max(profile.slo.p99Ms, env.HOLDFAST_SLO_P95_MS ?? 0),
      errorRate: env.HOLDFAST_SLO_ERROR_RATE ?? profile.slo.errorRate,
    },
    holdTtlSeconds: env.HOLDFAST_HOLD_TTL_SECONDS ?? profile.expiry.holdTtlSeconds,
    sweepIntervalMs: env.HOLDFAST_SWEEP_INTERVAL_MS ?? profile.expiry.sweepIntervalMs,
    expiryGraceMs: env.HOLDFAST_EXPIRY_GRACE_MS,
    paymentMethod: env.HOLDFAST_PAYMENT_METHOD,
    race: { concurrency: env.HOLDFAST_RACE_CONCURRENCY, rounds: env.HOLDFAST_RACE_ROUNDS, budgetMs: env.HOLDFAST_RACE_BUDGET_MS },
    baselineUrl: env.HOLDFAST_BASELINE_URL,
    regressionPct: env.HOLDFAST_REGRESSION_PCT,
    usersFile: env.HOLDFAST_USERS_FILE,
  };
}

/** Destructive checks (races, expiry waits) run only off production, or when explicitly allowed. */
export function destructiveAllowed(config: Pick<Config, 'environment' | 'allowDestructive'>): boolean {
  return config.allowDestructive || config.environment !== 'production';
}
