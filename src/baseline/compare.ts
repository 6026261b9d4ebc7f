// Is green slower than blue, or selling less? Read-only journeys against both stacks, interleaved, compared per step.
import { ApiClient } from '../client/api-client.ts';
import { Recorder } from '../client/recorder.ts';
import type { Config } from '../config/load.ts';
import { percentile, summarize } from '../stats/percentile.ts';
import type { Check, StepLatency } from '../verdict/schema.ts';
import { SuiteError } from '../verdict/suite-error.ts';
import { systemSteps, type Step } from './system-steps.ts';

export interface BaselineOptions {
  /** Iterations of the read-only journey per stack. */
  samples?: number;
  /** Differences below this many ms are noise, whatever the percentage. */
  floorMs?: number;
}

/** TripAvail's read-only journey (the contract's routes); other systems' come from their load conversation. */
const contractJourney: Record<string, Step> = {
  'baseline.health': (api) => api.call('health', { step: 'baseline.health', validate: 'record' }),
  'baseline.list-hotel': (api) => api.call('listHotelPackages', { query: { status: 'PUBLISHED', page: 1, pageSize: 20 }, step: 'baseline.list-hotel', validate: 'record' }),
  'baseline.list-tour': (api) => api.call('listTourPackages', { query: { status: 'PUBLISHED', page: 1, pageSize: 20 }, step: 'baseline.list-tour', validate: 'record' }),
  'baseline.search-hotel': (api) => api.call('listHotelPackages', { query: { status: 'PUBLISHED', search: api.profile.stock.hotel }, step: 'baseline.search-hotel', validate: 'record' }),
};

export async function compareWithBaseline(config: Config, options: BaselineOptions = {}): Promise<{ checks: Check[]; steps: StepLatency[] }> {
  if (!config.baselineUrl) return { checks: [], steps: [] };
  const readOnlyJourney = config.profile.speaksContract ? contractJourney : systemSteps(config);
  const samples = options.samples ?? 40;
  const floorMs = options.floorMs ?? 10;
  const started = Date.now();
  const client = (baseUrl: string) => new ApiClient({ baseUrl, profile: config.profile, runId: config.runId, timeoutMs: config.requestTimeoutMs, recorder: new Recorder(samples * 10) });
  const green = client(config.baseUrl);
  const blue = client(config.baselineUrl);

  const checks: Check[] = [];
  const limit = 1 + config.regressionPct / 100;
  const regressed = (g: number, b: number) => g > b * limit && g - b > floorMs;
  const p95Of = (api: ApiClient, step: string) => percentile(durations(api.recorder, step), 95);
  try {
    await sampleInterleaved(readOnlyJourney, Object.keys(readOnlyJourney), samples, blue, green);
  } catch (error) {
    if (error instanceof SuiteError) {
      // Signing a user in for the read-only steps failed by design (a rate limit): the suite could not compare, the target is not wrong.
      checks.push({ id: 'baseline.reachable', title: 'both stacks answer the read-only journey', status: 'error', severity: 'P1', stage: 'baseline', durationMs: Date.now() - started, error: error.message.split(' — to fix: ')[0]!, fix: error.fix });
      return { checks, steps: [] };
    }
    checks.push({ id: 'baseline.reachable', title: 'both stacks answer the read-only journey', status: 'failed', severity: 'P1', stage: 'baseline', durationMs: Date.now() - started, error: (error as Error).message });
    return { checks, steps: [] };
  }

  const steps: StepLatency[] = [];
  for (const name of Object.keys(readOnlyJourney)) {
    const first = { green: p95Of(green, name), blue: p95Of(blue, name) };
    steps.push(summarize(`${name} (green)`, durations(green.recorder, name)), summarize(`${name} (blue)`, durations(blue.recorder, name)));
    let confirm: { green: number; blue: number } | undefined;
    if (regressed(first.green, first.blue)) {
      // A p95 of 40 samples moves with one scheduler hiccup on a busy runner; a real regression survives a second, independent sample.
      const again = { blue: client(config.baselineUrl), green: client(config.baseUrl) };
      try {
        await sampleInterleaved(readOnlyJourney, [name], samples, again.blue, again.green);
        confirm = { green: p95Of(again.green, name), blue: p95Of(again.blue, name) };
      } catch {
        confirm = first;
      }
    }
    const failed = confirm !== undefined && regressed(confirm.green, confirm.blue);
    const shown = failed ? { green: Math.min(first.green, confirm!.green), blue: Math.max(first.blue, confirm!.blue) } : first;
    checks.push({
      id: `${name}.p95-regression`,
      title: `green p95 of ${name} within ${config.regressionPct} % of blue`,
      status: failed ? 'failed' : 'passed',
      severity: 'P1',
      stage: 'baseline',
      durationMs: Date.now() - started,
      ...(failed ? { error: `${name}: green p95 ${shown.green.toFixed(1)} ms vs blue ${shown.blue.toFixed(1)} ms (+${(((shown.green - shown.blue) / Math.max(shown.blue, 0.001)) * 100).toFixed(0)} %, limit ${config.regressionPct} %, in two independent samples)` } : {}),
      details: { greenP95Ms: first.green, blueP95Ms: first.blue, samples, ...(confirm ? { confirmGreenP95Ms: confirm.green, confirmBlueP95Ms: confirm.blue } : {}) },
    });
  }
  // Which packages are published is the TripAvail contract's question; other systems list no comparable catalog.
  if (config.profile.speaksContract) checks.push(await compareCatalogs(blue, green, started));
  return { checks, steps };
}

async function sampleInterleaved(readOnlyJourney: Record<string, Step>, names: string[], samples: number, blue: ApiClient, green: ApiClient): Promise<void> {
  for (let i = 0; i < samples; i += 1) {
    for (const name of names) {
      await readOnlyJourney[name]!(blue);
      await readOnlyJourney[name]!(green);
    }
  }
}

function durations(recorder: Recorder, step: string): number[] {
  return recorder.timings().filter((t) => t.step === step).map((t) => t.ms);
}

async function publishedNames(api: ApiClient): Promise<Set<string>> {
  const names = new Set<string>();
  for (const route of ['listHotelPackages', 'listTourPackages'] as const) {
    for (let page = 1; page <= 50; page += 1) {
      const res = await api.call(route, { query: { status: 'PUBLISHED', page, pageSize: 100 }, step: 'baseline.catalog', validate: 'record' });
      const body = res.body as { items?: { name?: string }[]; total?: number };
      for (const item of body.items ?? []) if (item.name) names.add(`${route === 'listHotelPackages' ? 'hotel' : 'tour'}: ${item.name}`);
      if (!body.items?.length || page * 100 >= (body.total ?? 0)) break;
    }
  }
  return names;
}

async function compareCatalogs(blue: ApiClient, green: ApiClient, started: number): Promise<Check> {
  const [b, g] = await Promise.all([publishedNames(blue), publishedNames(green)]);
  const missing = [...b].filter((name) => !g.has(name));
  return {
    id: 'baseline.catalog',
    title: 'green publishes every package blue does',
    status: missing.length ? 'failed' : 'passed',
    severity: 'P1',
    stage: 'baseline',
    durationMs: Date.now() - started,
    ...(missing.length ? { error: `missing on green: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`, details: { missing } } : {}),
  };
}
