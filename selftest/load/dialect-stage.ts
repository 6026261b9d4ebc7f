// Shared by k6-dialects-*.test.ts (two files, so the runner's two workers share the dialects). Does the one k6 script speak each dialect's conversation end to end (plan → script → summary → verdict)? The bundle runs
// under the k6 stand-in (selftest/load/k6-standin: k6 cannot be installed here) against the sandbox's dialects: healthy
// passes, slow-reserve fails P1 naming the reservation step, a sign-in the script cannot perform is an error (exit 3).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { runLoadStage } from '../../src/load/stage.ts';
import { decide, exitCodeOf } from '../../src/verdict/schema.ts';
import { tempReportsDir } from '../helpers/run-cli.ts';
import { dialectCases, exhaustSignUps, STANDIN } from './dialect-cases.ts';

export function testDialects(profiles: string[]): void {
  for (const c of dialectCases.filter((x) => profiles.includes(x.profile))) {
    describe(`k6 on the ${c.profile} dialect`, () => {
      let sandbox: Sandbox;
      before(async () => {
        sandbox = await startSandbox({ port: 0, webPort: 0, dialect: c.profile });
      });
      after(async () => sandbox?.stop());

      for (const run of c.runs) {
        test(`${run.name}: ${run.status}, exit ${run.exit}`, async () => {
          await sandbox.reset();
          await sandbox.setState({ faults: run.faults });
          const dir = tempReportsDir(`k6-${c.profile}`);
          const env: Record<string, string> = { HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_PROFILE: c.profile, HOLDFAST_RUN_ID: `hf-${c.profile}-${run.name}`, HOLDFAST_REPORTS_DIR: dir };
          if (run.signIn === 'unknown-user') {
            writeFileSync(join(dir, 'users.json'), JSON.stringify({ customer: [{ email: 'nobody@example.test', password: 'Secret-unknown-1!' }], counterpart: [{ email: 'nobody2@example.test', password: 'Secret-unknown-1!' }] }));
            env.HOLDFAST_USERS_FILE = join(dir, 'users.json');
          }
          if (run.signIn === 'sign-ups-exhausted') await exhaustSignUps(c.profile, sandbox.apiUrl);
          const lines: string[] = [];
          const { checks, steps } = await runLoadStage({ config: loadConfig(env), mode: 'on', durationSec: 60, rate: 1, env: { K6_BIN: STANDIN, K6_STANDIN_MAX_ITERATIONS: '2' }, log: (l) => lines.push(l) });
          const check = checks[0]!;
          assert.equal(check.status, run.status, `${check.error}\n${lines.slice(-15).join('\n')}`);
          assert.equal(exitCodeOf[decide(checks)], run.exit);
          if (run.error) assert.match(check.error!, run.error);
          if (run.fix) assert.match(check.fix!, run.fix);
          if (run.status === 'passed') {
            for (const step of [c.reserve, 'browse', 'health']) assert.ok(steps.some((s) => s.name.endsWith(`.${step}`) || s.name === `load.${step}`), `${step}: ${steps.map((s) => s.name).join(', ')}`);
            assert.equal(check.evidence?.leftBehind, undefined, 'every booking was given back');
          }
          const written = [readFileSync(join(dir, 'load', 'plan.json'), 'utf8'), readFileSync(join(dir, 'load', 'k6-summary.json'), 'utf8'), lines.join('\n')].join('\n');
          assert.doesNotMatch(written, /Secret-unknown|Bearer |-Pw1!/, 'a password or token in the plan, the summary or the log');
        });
      }
    });
  }
}
