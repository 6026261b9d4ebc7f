// How N requests truly overlap at the server: every connection opened and every request sent but its last byte, then all last bytes at once.
import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';

export interface BarrierRequest {
  method: 'POST' | 'PUT' | 'PATCH';
  /** Full URL. */
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface BarrierAnswer {
  status?: number;
  body?: unknown;
  requestId: string;
  /** Transport failure or timeout, when there was no status. */
  error?: string;
  ms: number;
}

/**
 * Sends all requests so that they are released together. The body's last byte is withheld until every request has
 * its connection and its head on the wire, so the server sees N complete requests within microseconds of each other
 * (the "last-byte sync" technique) instead of a trickle shaped by connection setup.
 */
export async function releaseAtBarrier(requests: readonly BarrierRequest[], timeoutMs: number): Promise<BarrierAnswer[]> {
  const first = requests[0];
  if (!first) return [];
  const isHttps = first.url.startsWith('https:');
  const agent = new (isHttps ? https : http).Agent({ keepAlive: false, maxSockets: requests.length });
  try {
    const pending = requests.map((r) => prepare(r, agent, isHttps, timeoutMs));
    await Promise.all(pending.map((p) => p.primed));
    for (const p of pending) p.release();
    return await Promise.all(pending.map((p) => p.answer));
  } finally {
    agent.destroy();
  }
}

function prepare(r: BarrierRequest, agent: http.Agent, isHttps: boolean, timeoutMs: number) {
  const payload = Buffer.from(JSON.stringify(r.body));
  const requestId = r.headers['x-request-id'] ?? randomUUID();
  const started = { at: 0 };
  const req = (isHttps ? https : http).request(r.url, {
    method: r.method,
    agent,
    headers: { ...r.headers, 'x-request-id': requestId, 'content-type': 'application/json', 'content-length': String(payload.length) },
  });
  let primedResolve!: () => void;
  const primed = new Promise<void>((resolve) => (primedResolve = resolve));
  const answer = new Promise<BarrierAnswer>((resolve) => {
    const fail = (error: string) => {
      primedResolve();
      resolve({ requestId, error, ms: started.at ? performance.now() - started.at : 0 });
    };
    req.setTimeout(timeoutMs, () => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (e) => fail(e.message));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(e.message));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* keep the text */
        }
        const answeredId = res.headers['x-request-id'];
        resolve({ status: res.statusCode, body, requestId: typeof answeredId === 'string' ? answeredId : requestId, ms: performance.now() - started.at });
      });
    });
  });
  req.write(payload.subarray(0, payload.length - 1), () => primedResolve());
  return {
    primed,
    answer,
    release: () => {
      started.at = performance.now();
      req.end(payload.subarray(payload.length - 1));
    },
  };
}
