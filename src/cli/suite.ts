// `holdfast gate` and `holdfast smoke`: validate the config, check the target answers, run the specs and stages, write one verdict.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { holdfastEnv, parseFlags } from './args.ts';
import { handOver, publicConfig } from '../config/run-config.ts';
import { destructiveAllowed, loadConfig, readEnvFile, type Config } from '../config/load.ts';
import { decide, exitCodeOf, Verdict, type Check, type StepLatency } from '../verdict/schema.ts';
import { alignReportStatuses } from '../verdict/report-statuses.ts';
import { repoRoot, runPlaywright } from './playwright.ts';
import { formatSummary } from './summary.ts';
import { targetEnv } from './target.ts';
import { UsageError } from './usage-error.ts';
import { options, usage, type SuiteMode } from './suite-usage.ts';

export type { SuiteMode };

export type LoadMode = 'on' | 'off' | 'auto';



const flagToEnv: Record<string, string> = {
  'base-url': 'HOLDFAST_BASE_URL',
  'web-url': 'HOLDFAST_WEB_URL',
  'database-url': 'HOLDFAST_DATABASE_URL',
  profile: 'HOLDFAST_PROFILE',
  environment: 'HOLDFAST_ENVIRONMENT',
  'reports-dir': 'HOLDFAST_REPORTS_DIR',
  'run-id': 'HOLDFAST_RUN_ID',
  baseline: 'HOLDFAST_BASELINE_URL',
};

const projectsByMode: Record<SuiteMode, string[]> = { gate: ['api', 'integrity', 'web'], smoke: ['api', 'integrity', 'web'] };


export interface SuiteOutcome {
  code: number;
  verdict?: Verdict;
}

export async function runSuiteCommand(mode: SuiteMode, argv: string[]): Promise<number> {
  return (await runSuite(mode, argv)).code;
}

export interface SuiteOptions {
  /**
   * Without a browser, `error` (the gate: a web URL was given, so web checks were asked for and could not be decided),
   * or `skip` (the demo: the web journeys are reported as not run, with the command that installs a browser).
   */
  withoutBrowser?: 'error' | 'skip';
}

export async function runSuite(mode: SuiteMode, argv: string[], extraEnv: Record<string, string> = {}, suiteOptions: SuiteOptions = {}): Promise<SuiteOutcome> {
  const flags = parseFlags(argv, options, usage(mode));
  if (flags.help) {
    console.log(usage(mode));
    return { code: 0 };
  }
  const load = parseLoadMode(mode === 'smoke' ? 'off' : (flags.load ?? 'on'));

  // Precedence, lowest first: --env-file, --target file, the real environment, then flags (what was typed wins).
  const fromFlags: Record<string, string> = {};
  for (const [flag, variable] of Object.entries(flagToEnv)) {
    const value = flags[flag as keyof typeof flags];
    if (typeof value === 'string') fromFlags[variable] = flag === 'baseline' ? (targetEnv(value).HOLDFAST_BASE_URL ?? value) : value;
  }
  if (flags['allow-destructive']) fromFlags.HOLDFAST_ALLOW_DESTRUCTIVE = 'true';
  const env: Record<string, string> = {
    ...(flags['env-file'] ? readEnvFile(flags['env-file']) : {}),
    ...targetEnv(flags.target),
    ...holdfastEnv(),
    ...extraEnv,
    ...fromFlags,
  };
  if (!env.HOLDFAST_BASE_URL) {
    throw new UsageError('no target: pass --target <url|env file>, --base-url or set HOLDFAST_BASE_URL');
  }
  const config = loadConfig(env);
  if (load === 'on') (await import('../load/stage.ts')).requireK6(load);

  const requested = flags.project ?? projectsByMode[mode];
  for (const p of requested) {
    if (!projectsByMode[mode].includes(p)) throw new UsageError(`--project: unknown project "${p}" (expected api, integrity or web)`);
  }
  // Asking for the integrity project alone is asking for destructive checks: refuse in one line rather than skip them all.
  if (mode === 'gate' && requested.length === 1 && requested[0] === 'integrity' && !destructiveAllowed(config)) {
    throw new UsageError(`integrity checks are destructive and HOLDFAST_ENVIRONMENT=${config.environment}: pass --allow-destructive to run them`);
  }

  const reportsDir = isAbsolute(config.reportsDir) ? config.reportsDir : join(process.cwd(), config.reportsDir);
  config.reportsDir = reportsDir;
  const verdictPath = join(reportsDir, 'verdict.json');
  prepareReportsDir(reportsDir);
  const started = Date.now();
  const childEnv = handOver(config, reportsDir);
  const extraChecks: Check[] = [];
  const extraSteps: StepLatency[] = [];

  const unreachable = await (await import('./preflight.ts')).reachability(config);
  if (unreachable) {
    extraChecks.push(unreachable);
  } else {
    let projects = requested.filter((p) => p !== 'web' || config.webUrl);
    if (requested.includes('web') && !config.webUrl) {
      extraChecks.push(notApplicable('web', 'web journeys', 'HOLDFAST_WEB_URL is not set'));
    }
    if (projects.includes('web') && suiteOptions.withoutBrowser === 'skip') {
      const { browserInstallHint, chromiumProblem } = await import('../../fixtures/browser.ts');
      const problem = chromiumProblem();
      if (problem) {
        projects = projects.filter((p) => p !== 'web');
        console.log(`holdfast ${mode}: the web journeys will not run: ${problem}. To run them, ${browserInstallHint}.`);
        extraChecks.push({ id: 'web.journeys', title: 'web journeys', status: 'skipped', severity: 'P0', stage: 'web', durationMs: 0, reason: `not run: ${problem}; to run them, ${browserInstallHint}` });
      }
    }
    console.log(`holdfast ${mode}: ${config.baseUrl} · profile ${config.profile.name} · ${config.environment} · run ${config.runId}`);
    // Before any spec runs: the profile's table mapping against the target's database (an `error` naming what is missing).
    const dbMapping = await (await import('../integrity/db-preflight.ts')).dbPreflight(config);
    if (dbMapping) extraChecks.push(dbMapping);
    await runPlaywright({
      projects,
      env: childEnv,
      grep: flags.grep ?? (mode === 'smoke' ? '@smoke' : undefined),
      grepInvert: mode === 'smoke' && !flags['allow-destructive'] ? '@destructive' : undefined,
      workers: flags.workers ? Number(flags.workers) : undefined,
    });
    (await import('../systems/users.ts')).RunShare.discard(config.runId);
    const { scrubReports } = await import('../verdict/scrub-reports.ts');
    scrubReports(reportsDir);
    if (!flags.project || flags.project.includes('integrity')) {
      const { runInvariantStage } = await import('../integrity/db-stage.ts');
      extraChecks.push(...(await runInvariantStage(config, { mapping: dbMapping })));
    }
    // Synthetic bookings the run could not release, read back after the invariants (a hold may have expired since).
    extraChecks.push(...(await (await import('../integrity/leftovers.ts')).cleanupChecks(config)));
    if (config.baselineUrl) {
      const { compareWithBaseline } = await import('../baseline/compare.ts');
      console.log(`comparing against the baseline ${config.baselineUrl} …`);
      const stage = await compareWithBaseline(config);
      extraChecks.push(...stage.checks);
      extraSteps.push(...stage.steps);
    }
    if (load !== 'off') {
      const { runLoadStage } = await import('../load/stage.ts');
      const stage = await runLoadStage({
        config,
        mode: load,
        durationSec: flags['load-duration'] ? parseSeconds(flags['load-duration']) : undefined,
        rate: flags['load-rate'] ? parsePositive(flags['load-rate'], '--load-rate') : undefined,
        log: (line: string) => console.log(line),
      });
      extraChecks.push(...stage.checks);
      extraSteps.push(...stage.steps);
    }
  }

  const verdict = finalVerdict(verdictPath, config, started, extraChecks, extraSteps);
  writeFileSync(verdictPath, `${JSON.stringify(verdict, null, 2)}\n`);
  alignReportStatuses(reportsDir, verdict);
  console.log(formatSummary(verdict, verdictPath));
  return { code: exitCodeOf[verdict.verdict], verdict };
}

function finalVerdict(path: string, config: Config, started: number, checks: Check[], steps: StepLatency[]): Verdict {
  let fromSpecs: Verdict | undefined;
  if (existsSync(path)) fromSpecs = Verdict.parse(JSON.parse(readFileSync(path, 'utf8')));
  const all = [...(fromSpecs?.checks ?? []), ...checks];
  if (!fromSpecs && !checks.some((c) => c.id === 'target.reachable')) {
    all.push({ id: 'suite.run', title: 'the suite ran to completion', status: 'error', severity: 'P0', stage: 'suite', durationMs: Date.now() - started, error: 'Playwright wrote no results', fix: 'read the Playwright output above' });
  }
  return {
    runId: config.runId,
    target: config.baseUrl,
    profile: config.profile.name,
    environment: config.environment,
    config: publicConfig(config),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    verdict: decide(all),
    checks: all,
    steps: [...(fromSpecs?.steps ?? []), ...steps],
  };
}

export function notApplicable(id: string, title: string, reason: string): Check {
  return { id, title, status: 'not-applicable', severity: 'P1', stage: id, durationMs: 0, reason };
}

function prepareReportsDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of ['verdict.json', 'allure-results', 'test-results', 'junit.xml', 'results.json', 'load', 'cleanup-releases.jsonl']) {
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function parseLoadMode(value: string): LoadMode {
  if (value === 'on' || value === 'off' || value === 'auto') return value;
  throw new UsageError(`--load: expected on, off or auto, got "${value}"`);
}

function parsePositive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: expected a positive number, got "${value}"`);
  return n;
}

export function parseSeconds(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(value);
  if (!match) throw new UsageError(`--load-duration: expected seconds like 30, 30s or 2m, got "${value}"`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}
