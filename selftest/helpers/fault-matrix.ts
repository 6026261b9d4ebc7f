// Runs the gate against a sandbox switched to one broken release and checks the verdict: fail, at the listed severity, by the check that should catch it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { worstFailure, type Severity } from '../../src/verdict/schema.ts';
import { describeFailures, readVerdict, runCli, secretsIn, tempReportsDir } from './run-cli.ts';
import { sharedSandbox } from './shared-sandbox.ts';
import { SHORT_EXPIRY, SHORT_EXPIRY_ENV } from './short-expiry.ts';

export interface FaultCase {
  fault: string;
  severity: Severity;
  /** The check that must fail (it asserts the contract; the fault is only how the sandbox breaks it). */
  caughtBy: string;
  /** Projects to run; the web project needs Chromium and is only started where the fault lives. */
  web?: boolean;
  /**
   * Run only the catching check, at any severity: for a fault that breaks whichever check it meets (one request in fifty
   * answers 500), so the whole project's worst severity would be luck, while the catching check's sample always meets it.
   */
  narrow?: boolean;
  /** Projects to run (default: the gate's); API-surface faults need only `api`, which keeps the matrix fast. */
  projects?: string[];
  /** Extra environment for the gate (e.g. HOLDFAST_AUTH=otp for a fault only OTP sign-in meets). */
  env?: Record<string, string>;
}

/**
 * The gate's flags for a fault case: one Playwright worker. The selftest runner already keeps both cores busy with two
 * files at a time, so a second worker adds a process start and no speed. It also keeps a fault that counts requests
 * deterministic: "one hold in ten is slow" lands in the latency sample's 20 consecutive holds only when no other worker
 * makes holds meanwhile. Healthy gates keep the default.
 */
export const FAULT_CASE_WORKERS = ['--workers', '1'];

/** Holds from the web app outlive a browser journey (as in the demo). */
const WEB_HOLD_TTL_SECONDS = 120;

/** One test per case, all against one sandbox that each case resets and switches to its fault. */
export interface MatrixOptions {
  conformance?: 'minimal';
  /** Run only the check that must catch each fault (by its id tag), P1 and P2 cases too: for repeat matrices. */
  narrow?: boolean;
  /** A sandbox dialect to switch (e.g. tripavail-today), gated with `profile`, and extra environment for every case. */
  dialect?: string;
  profile?: string;
  env?: Record<string, string>;
}

export function faultMatrix(cases: FaultCase[], options: MatrixOptions = {}): void {
  const sandboxWith = sharedSandbox({ ...SHORT_EXPIRY, webHoldTtlSeconds: WEB_HOLD_TTL_SECONDS, conformance: options.conformance, dialect: options.dialect });
  const mode = options.conformance ? ` (answers stripped to the contract: --conformance ${options.conformance})` : options.dialect ? ` (dialect ${options.dialect}, profile ${options.profile ?? options.dialect})` : '';
  for (const c of cases) {
    test(`${c.fault}${mode} fails the gate with ${c.severity} from ${c.caughtBy}`, async () => {
      const sandbox = await sandboxWith([c.fault]);
      const reportsDir = tempReportsDir(c.fault);
      const run = await runCli(
        ['gate', '--target', sandbox.apiUrl, '--environment', 'sandbox', '--load', 'off', ...FAULT_CASE_WORKERS, '--reports-dir', reportsDir, ...(c.web ? ['--web-url', sandbox.webUrl] : []), ...(c.projects ?? []).flatMap((p) => ['--project', p]), ...narrowTo(c, options), ...(options.profile ? ['--profile', options.profile] : [])],
        { ...options.env, HOLDFAST_DATABASE_URL: sandbox.databaseUrl, ...SHORT_EXPIRY_ENV, ...c.env },
      );
      const verdict = readVerdict(reportsDir);
      const context = `fault ${c.fault}:\n${describeFailures(verdict)}\n--- output tail ---\n${run.stdout.slice(-1500)}${run.stderr.slice(-800)}`;
      assert.equal(verdict.verdict, 'fail', context);
      assert.equal(run.code, 1, context);
      assert.deepEqual(secretsIn(reportsDir, [decodeURIComponent(new URL(sandbox.databaseUrl).password)]), [], 'secrets in the reports of a failing run');
      const caught = verdict.checks.find((check) => check.id === c.caughtBy);
      assert.equal(caught?.status, 'failed', `${c.caughtBy} should fail\n${context}`);
      assert.equal(caught?.severity, c.severity, context);
      assert.equal(worstFailure(verdict.checks), c.severity, `worst severity should be ${c.severity}\n${context}`);
    });
  }
}

/**
 * Playwright's --grep on the catching check's id tag. A P0 case is always narrowed: its worst severity cannot exceed the
 * catching check's, so the rest of the project would only add failing tests, each restarting its worker. A P1 or P2
 * case runs its whole project (unless the matrix repeats an earlier one, or the case says `narrow`) to show nothing
 * worse fails beside it. Database checks need the journeys that write their rows.
 */
function narrowTo(c: FaultCase, options: MatrixOptions): string[] {
  if (!(options.narrow || c.narrow || c.severity === 'P0') || c.caughtBy.startsWith('db.')) return [];
  return grepCheck(c.caughtBy);
}

/** The gate's --grep for one check, by the id tag `check()` gives it. */
export function grepCheck(id: string): string[] {
  return ['--grep', `@${id.replace(/[.]/g, '\\.')}(\\s|$)`];
}
