// The CLI's shared plumbing: flags parsed with a usage error on anything unknown, and a config built from --target/--env-file.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, readEnvFile, type Config } from '../config/load.ts';
import { targetEnv } from './target.ts';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly; an unknown or malformed flag is a usage error carrying the command's usage text. */
export function parseFlags<const O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

export interface TargetFlags {
  target?: string;
  envFile?: string;
  reportsDir?: string;
}

/** HOLDFAST_* variables from an env file, then --target, then flags; the real environment wins over all of them. */
export function configFromFlags(flags: TargetFlags, extra: Record<string, string> = {}): Config {
  return loadConfig(settingsEnv(flags, extra));
}

/** Every HOLDFAST_* setting the flags point at, in that precedence (for settings the Config does not hold). */
export function settingsEnv(flags: TargetFlags, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(flags.envFile ? readEnvFile(flags.envFile) : {}),
    ...targetEnv(flags.target),
    ...(flags.reportsDir ? { HOLDFAST_REPORTS_DIR: flags.reportsDir } : {}),
    ...extra,
    ...holdfastEnv(),
  };
}

export function holdfastEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[0].startsWith('HOLDFAST_') && !!e[1]));
}
