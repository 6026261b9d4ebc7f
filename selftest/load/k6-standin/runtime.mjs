// The k6 modules a script imports (k6, k6/http, k6/execution, k6/metrics), as far as load/slo-gate.ts uses them, over one
// sample store: every request, check and counter is recorded with its tags (the scenario's, overridden by the request's),
// the way k6 tags its samples.
import { receiveMessageOnPort, MessageChannel, Worker } from 'node:worker_threads';

const flagBuffer = new SharedArrayBuffer(4);
const flag = new Int32Array(flagBuffer);
const worker = new Worker(new URL('./fetch-worker.mjs', import.meta.url), { workerData: { flag: flagBuffer } });
worker.unref();

export const samples = { http: [], checks: [], counters: [] };
export const current = { vu: 0, scenario: '', iteration: 0, tags: {} };

export class AbortTest extends Error {
  name = 'AbortTest';
}

/** Go's canonical header names (x-request-id → X-Request-Id), as k6 exposes them. */
function canonical(name) {
  return name.split('-').map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p)).join('-');
}

/** The part of gjson the plans use: dotted paths, array indices, `#` (length) and `#(key=="value")` (first match). */
export function select(value, selector) {
  const parts = [];
  let rest = selector;
  while (rest.length) {
    const query = /^#\(([\w.]+)\s*==\s*"((?:[^"\\]|\\.)*)"\)/.exec(rest);
    if (query) {
      parts.push({ key: query[1], equals: query[2] });
      rest = rest.slice(query[0].length);
    } else {
      const name = /^[^.]+/.exec(rest)[0];
      parts.push(name);
      rest = rest.slice(name.length);
    }
    if (rest.startsWith('.')) rest = rest.slice(1);
  }
  let at = value;
  for (const part of parts) {
    if (at === undefined || at === null) return undefined;
    if (typeof part === 'object') {
      if (!Array.isArray(at)) return undefined;
      at = at.find((e) => e && String(select(e, part.key)) === part.equals);
    } else if (part === '#') {
      if (!Array.isArray(at)) return undefined;
      at = at.length;
    } else {
      at = typeof at === 'object' ? at[part] : undefined;
    }
  }
  return at;
}

function response(raw) {
  const headers = Object.fromEntries(Object.entries(raw.headers).map(([k, v]) => [canonical(k), v]));
  return {
    status: raw.status,
    headers,
    body: raw.body,
    error: raw.error ?? '',
    json(selector) {
      const parsed = JSON.parse(raw.body);
      return selector === undefined ? parsed : select(parsed, selector);
    },
  };
}

function send(method, url, body, params = {}) {
  const { port1, port2 } = new MessageChannel();
  Atomics.store(flag, 0, 0);
  worker.postMessage({ method, url, headers: params.headers ?? {}, body: body ?? null, port: port2 }, [port2]);
  Atomics.wait(flag, 0, 0, 60_000);
  const raw = receiveMessageOnPort(port1)?.message ?? { status: 0, headers: {}, body: '', error: 'timeout', ms: 60_000 };
  port1.close();
  const expected = params.responseCallback ? params.responseCallback(raw.status) : raw.status >= 200 && raw.status < 400;
  const tags = { ...current.tags, ...(params.tags ?? {}), method, status: String(raw.status), expected_response: String(expected) };
  samples.http.push({ ms: raw.ms, failed: !expected, tags, bytes: raw.body.length });
  return response(raw);
}

export const http = {
  request: (method, url, body, params) => send(method, url, body, params),
  get: (url, params) => send('GET', url, null, params),
  expectedStatuses(...specs) {
    return (status) => specs.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max));
  },
};

export function check(value, sets, tags = {}) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    let ok = false;
    try {
      ok = !!fn(value);
    } catch {
      ok = false;
    }
    samples.checks.push({ name, ok, tags: { ...current.tags, ...tags } });
    all &&= ok;
  }
  return all;
}

export class Counter {
  constructor(name) {
    this.name = name;
  }

  add(value, tags = {}) {
    samples.counters.push({ name: this.name, value, tags: { ...current.tags, ...tags } });
  }
}

export const exec = {
  vu: { get idInTest() { return current.vu; } },
  scenario: { get iterationInTest() { return current.iteration; }, get name() { return current.scenario; } },
  test: {
    abort(message) {
      throw new AbortTest(message ?? 'test aborted');
    },
  },
};

/** What `import … from "k6…"` gives the script. */
export function k6Module(specifier) {
  switch (specifier) {
    case 'k6': return { check };
    case 'k6/http': return { default: http, ...http };
    case 'k6/execution': return { default: exec };
    case 'k6/metrics': return { Counter };
    default: throw new Error(`the k6 stand-in has no module ${specifier}`);
  }
}
