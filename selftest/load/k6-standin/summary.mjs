// k6's summary metrics from the stand-in's samples: built-in metrics, custom counters that received samples, and a
// sub-metric for every threshold's `name{tag:value,…}`, each judged as k6 judges it (an empty metric "holds").
const STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

function trend(values, stats = STATS) {
  const sorted = [...values].sort((a, b) => a - b);
  const all = {
    avg: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
    min: sorted[0] ?? 0, med: percentile(sorted, 50), max: sorted[sorted.length - 1] ?? 0, count: sorted.length,
  };
  return Object.fromEntries(stats.map((s) => [s, s in all ? all[s] : percentile(sorted, Number(/^p\((\d+(?:\.\d+)?)\)$/.exec(s)?.[1] ?? 0))]));
}

const rate = (bools) => {
  const passes = bools.filter(Boolean).length;
  return { rate: bools.length ? passes / bools.length : 0, passes, fails: bools.length - passes };
};
const counter = (sum, seconds) => ({ count: sum, rate: seconds > 0 ? sum / seconds : 0 });

function parseName(name) {
  const m = /^([^{]+)(?:\{([^}]*)\})?$/.exec(name);
  const tags = Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((t) => t.split(':', 2).map((x) => x.trim())));
  return { base: m[1], tags };
}

const matches = (tags, want) => Object.entries(want).every(([k, v]) => tags[k] === v);

function judge(values, expression) {
  const m = /^\s*(p\(\d+(?:\.\d+)?\)|avg|min|max|med|rate|count|value)\s*(<=|>=|===|==|!=|<|>)\s*([\d.eE+-]+)\s*$/.exec(expression);
  if (!m) throw new Error(`the k6 stand-in cannot judge "${expression}"`);
  const [, agg, op, limit] = m;
  const v = values[agg] ?? 0;
  const n = Number(limit);
  return { '<': v < n, '<=': v <= n, '>': v > n, '>=': v >= n, '==': v === n, '===': v === n, '!=': v !== n }[op];
}

export function metricsOf(samples, iterations, options, durationMs) {
  const seconds = durationMs / 1000;
  const stats = options.summaryTrendStats ?? STATS;
  const kinds = {
    http_req_duration: { type: 'trend', contains: 'time', of: (want) => trend(samples.http.filter((s) => matches(s.tags, want)).map((s) => s.ms), stats) },
    http_req_failed: { type: 'rate', contains: 'default', of: (want) => rate(samples.http.filter((s) => matches(s.tags, want)).map((s) => s.failed)) },
    http_reqs: { type: 'counter', contains: 'default', of: (want) => counter(samples.http.filter((s) => matches(s.tags, want)).length, seconds) },
    checks: { type: 'rate', contains: 'default', of: (want) => rate(samples.checks.filter((s) => matches(s.tags, want)).map((s) => s.ok)) },
    iterations: { type: 'counter', contains: 'default', of: (want) => counter(iterations.filter((s) => matches(s.tags, want)).length, seconds) },
    iteration_duration: { type: 'trend', contains: 'time', of: (want) => trend(iterations.filter((s) => matches(s.tags, want)).map((s) => s.ms), stats) },
    data_received: { type: 'counter', contains: 'data', of: () => counter(samples.http.reduce((a, s) => a + s.bytes, 0), seconds) },
  };
  for (const name of new Set(samples.counters.map((c) => c.name))) {
    kinds[name] = { type: 'counter', contains: 'default', of: (want) => counter(samples.counters.filter((c) => c.name === name && matches(c.tags, want)).reduce((a, c) => a + c.value, 0), seconds) };
  }
  const metrics = {};
  const put = (name) => {
    const { base, tags } = parseName(name);
    const kind = kinds[base];
    if (!kind) return undefined;
    metrics[name] ??= { type: kind.type, contains: kind.contains, values: kind.of(tags) };
    return metrics[name];
  };
  for (const name of ['http_reqs', 'iterations', 'http_req_duration', 'http_req_duration{expected_response:true}', 'http_req_failed', 'checks', 'iteration_duration', 'data_received', ...new Set(samples.counters.map((c) => c.name))]) {
    if (name === 'checks' && !samples.checks.length) continue;
    put(name);
  }
  metrics.vus = { type: 'gauge', contains: 'default', values: { value: 0, min: 0, max: 1 } };
  for (const [name, list] of Object.entries(options.thresholds ?? {})) {
    const metric = put(name) ?? (metrics[name] = { type: 'counter', contains: 'default', values: { count: 0, rate: 0 } });
    metric.thresholds = Object.fromEntries(list.map((t) => {
      const expression = typeof t === 'string' ? t : t.threshold;
      return [expression, { ok: judge(metric.values, expression) }];
    }));
  }
  return metrics;
}
