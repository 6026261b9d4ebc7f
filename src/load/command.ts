// `holdfast load`: the k6 SLO stage on its own, folded into reports/verdict.json.
import { isAbsolute, join } from 'node:path';
import { configFromFlags, parseFlags } from '../cli/args.ts';
import { formatSummary } from '../cli/summary.ts';
import { parseSeconds } from '../cli/suite.ts';
import { UsageError } from '../cli/usage-error.ts';
import { mergeStage } from '../verdict/merge.ts';
import { decide, exitCodeOf } from '../verdict/schema.ts';
import { runLoadStage } from './stage.ts';

const usage = `usage: holdfast load --target <url|env file> [--env-file F] [--load-duration 120|2m] [--load-rate N] [--shape constant|ramping] [--reports-dir DIR]

Runs k6 (K6_BIN, else k6 on PATH) with the browse, book and health scenarios in the profile's conversation (its routes,
sign-in and refusals) and judges p95/p99 per flow and per book step, and the error rate, against the SLOs (the profile's
runbook, or HOLDFAST_SLO_*). Exit 0 when every threshold holds, 1 on a breach, 3 when setup (sign-in, the stock) failed
so nothing was measured, 2 on bad input or no k6.`;

export async function runLoadCommand(argv: string[]): Promise<number> {
  const values = parseFlags(argv, {
    target: { type: 'string' },
    'env-file': { type: 'string' },
    'load-duration': { type: 'string' },
    'load-rate': { type: 'string' },
    shape: { type: 'string' },
    'reports-dir': { type: 'string' },
  }, usage);
  if (values.help) return (console.log(usage), 0);
  const rate = values['load-rate'] === undefined ? undefined : Number(values['load-rate']);
  if (rate !== undefined && !(rate > 0)) throw new UsageError(`--load-rate: expected a positive number, got "${values['load-rate']}"`);
  if (values.shape && values.shape !== 'constant' && values.shape !== 'ramping') throw new UsageError(`--shape: expected constant or ramping, got "${values.shape}"`);
  const config = configFromFlags({ target: values.target, envFile: values['env-file'], reportsDir: values['reports-dir'] });
  const started = Date.now();
  const stage = await runLoadStage({
    config,
    mode: 'on',
    durationSec: values['load-duration'] ? parseSeconds(values['load-duration']) : undefined,
    rate,
    shape: values.shape as 'constant' | 'ramping' | undefined,
    log: (line) => console.log(line),
  });
  const reportsDir = isAbsolute(config.reportsDir) ? config.reportsDir : join(process.cwd(), config.reportsDir);
  const path = join(reportsDir, 'verdict.json');
  const verdict = mergeStage(path, stage, { runId: config.runId, target: config.baseUrl, profile: config.profile.name, environment: config.environment, startedAt: started });
  console.log(formatSummary(verdict, path));
  // The stage's own outcome: a breach is 1, a setup the script could not perform is 3 (inconclusive), never a breach.
  return exitCodeOf[decide(stage.checks)];
}
