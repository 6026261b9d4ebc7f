#!/usr/bin/env node
// A stand-in for k6 that runs the bundled script for real (k6 cannot be installed where this project is tested): setup,
// each scenario's iterations (as many as its arrival rate and duration give, back to back, or K6_STANDIN_MAX_ITERATIONS),
// teardown, then handleSummary with k6's summary data: the same metric names, sub-metrics for every threshold, trend
// statistics and threshold outcomes. Exit codes as k6's: 0, 99 (a threshold crossed), 108 (test.abort()).
// Not modelled: wall-clock pacing, concurrency between VUs, abortOnFail mid-run; a VU is a module instance of its own.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AbortTest, current, k6Module, samples } from './runtime.mjs';
import { metricsOf } from './summary.mjs';

const args = process.argv.slice(2);
if (args[0] !== 'run' || args.length < 2) {
  console.error('k6 stand-in: usage: run [flags] <script>');
  process.exit(255);
}
const script = args[args.length - 1];
globalThis.__ENV = { ...process.env };
globalThis.__k6 = k6Module;

// The bundle imports k6's modules; here they come from the runtime (import aliases become destructuring).
const source = readFileSync(script, 'utf8')
  .replace(/^import (\w+) from "(k6[^"]*)";$/gm, 'const $1 = __k6("$2").default;')
  .replace(/^import \{([^}]+)\} from "(k6[^"]*)";$/gm, (_, names, spec) => `const {${names.replace(/\s+as\s+/g, ': ')}} = __k6("${spec}");`);
const dir = mkdtempSync(join(tmpdir(), 'k6-standin-'));
const file = join(dir, 'script.mjs');
writeFileSync(file, source);
const instance = (label) => import(`${pathToFileURL(file).href}?${label}`);

function iterationsOf(scenario) {
  const unit = scenario.timeUnit === '1m' ? 60 : 1;
  if (scenario.executor === 'ramping-arrival-rate') {
    let total = 0;
    let from = scenario.startRate ?? 0;
    for (const stage of scenario.stages) {
      total += ((from + stage.target) / 2) * (parseInt(stage.duration, 10) / unit);
      from = stage.target;
    }
    return Math.max(1, Math.round(total));
  }
  return Math.max(1, Math.floor((scenario.rate * parseInt(scenario.duration, 10)) / unit));
}

const init = await instance('init');
const options = init.options;
const max = Number(process.env.K6_STANDIN_MAX_ITERATIONS ?? Infinity);
const iterations = [];
let aborted;
let data;
const started = performance.now();
try {
  data = init.setup ? JSON.parse(JSON.stringify((await instance('setup')).setup() ?? null)) : undefined;
  let firstVu = 1;
  for (const [name, scenario] of Object.entries(options.scenarios)) {
    const vus = [];
    const count = Math.min(max, iterationsOf(scenario));
    for (let i = 0; i < count; i += 1) {
      const slot = i % (scenario.preAllocatedVUs ?? 1);
      vus[slot] ??= await instance(`vu-${firstVu + slot}`);
      Object.assign(current, { vu: firstVu + slot, scenario: name, iteration: i, tags: { ...scenario.tags, scenario: name } });
      const t = performance.now();
      vus[slot][scenario.exec ?? 'default'](data);
      iterations.push({ ms: performance.now() - t, tags: { ...current.tags } });
    }
    firstVu += scenario.preAllocatedVUs ?? 1;
  }
  Object.assign(current, { vu: 0, scenario: '', iteration: 0, tags: {} });
  if (init.teardown) (await instance('teardown')).teardown(data);
} catch (error) {
  if (!(error instanceof AbortTest)) throw error;
  aborted = error.message;
  console.error(`time="${new Date().toISOString()}" level=error msg="test aborted: ${aborted}"`);
}
Object.assign(current, { vu: 0, scenario: '', iteration: 0, tags: {} });

const durationMs = performance.now() - started;
const metrics = metricsOf(samples, iterations, options, durationMs);
const md5 = (s) => createHash('md5').update(s).digest('hex');
const byCheck = new Map();
for (const c of samples.checks) {
  const entry = byCheck.get(c.name) ?? { name: c.name, path: `::${c.name}`, id: md5(`::${c.name}`), passes: 0, fails: 0 };
  entry[c.ok ? 'passes' : 'fails'] += 1;
  byCheck.set(c.name, entry);
}
const summary = {
  options: { summaryTrendStats: options.summaryTrendStats, summaryTimeUnit: '', noColor: true },
  state: { testRunDurationMs: durationMs, isStdOutTTY: false, isStdErrTTY: false },
  metrics,
  root_group: { name: '', path: '', id: md5(''), groups: [], checks: [...byCheck.values()] },
  setup_data: data,
};
if (init.handleSummary) {
  const outputs = (await instance('summary')).handleSummary(summary);
  for (const [path, content] of Object.entries(outputs)) {
    if (path === 'stdout') process.stdout.write(content);
    else if (path === 'stderr') process.stderr.write(content);
    else writeFileSync(path, content);
  }
}
rmSync(dir, { recursive: true, force: true });
const crossed = Object.values(metrics).some((m) => Object.values(m.thresholds ?? {}).some((t) => !t.ok));
process.exit(aborted ? 108 : crossed ? 99 : 0);
