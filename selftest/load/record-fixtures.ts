// Records fixtures/k6/<profile>-{healthy,slow-<step>,signin-impossible}.json for the four dialect profiles: the bundled
// script run by the k6 stand-in (selftest/load/k6-standin) against the sandbox's dialect, with a 60 s plan at browse 10/s,
// its handleSummary output kept as it is. Run: node --import tsx selftest/load/record-fixtures.ts [profile ...]
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { runLoadStage } from '../../src/load/stage.ts';
import { repoRoot, tempReportsDir } from '../helpers/run-cli.ts';
import { dialectCases, exhaustSignUps, STANDIN } from './dialect-cases.ts';

const wanted = process.argv.slice(2);
for (const c of dialectCases.filter((x) => !wanted.length || wanted.includes(x.profile))) {
  const sandbox = await startSandbox({ port: 0, webPort: 0, dialect: c.profile });
  try {
    for (const run of c.runs) {
      await sandbox.reset();
      await sandbox.setState({ faults: run.faults });
      const dir = tempReportsDir(`record-${c.profile}`);
      const env: Record<string, string> = { HOLDFAST_BASE_URL: sandbox.apiUrl, HOLDFAST_PROFILE: c.profile, HOLDFAST_RUN_ID: 'hf-fixture', HOLDFAST_REPORTS_DIR: dir };
      if (run.signIn === 'unknown-user') {
        writeFileSync(join(dir, 'users.json'), JSON.stringify({ customer: [{ email: 'nobody@example.test', password: 'Not-provisioned-1!' }], counterpart: [{ email: 'nobody-else@example.test', password: 'Not-provisioned-1!' }] }));
        env.HOLDFAST_USERS_FILE = join(dir, 'users.json');
      }
      if (run.signIn === 'sign-ups-exhausted') await exhaustSignUps(c.profile, sandbox.apiUrl);
      const stage = await runLoadStage({ config: loadConfig(env), mode: 'on', durationSec: 60, rate: 10, env: { K6_BIN: STANDIN, K6_STANDIN_MAX_ITERATIONS: '60' } });
      const target = join(repoRoot, 'fixtures', 'k6', `${c.profile}-${run.name}.json`);
      copyFileSync(join(dir, 'load', 'k6-summary.json'), target);
      console.log(`${target}: ${stage.checks[0]!.status}${stage.checks[0]!.error ? ` — ${stage.checks[0]!.error.split('\n')[0]}` : ''}`);
    }
  } finally {
    await sandbox.stop();
  }
}
