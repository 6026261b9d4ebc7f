// Can the target be reached at all? Answers within seconds, so an unreachable target yields a P0 verdict, not a wall of timeouts.
import { request } from 'undici';
import type { Config } from '../config/load.ts';
import { redactUrl } from '../client/redact.ts';
import type { Check } from '../verdict/schema.ts';

export async function reachability(config: Config, timeoutMs = 3_000): Promise<Check | undefined> {
  const url = `${config.baseUrl}${config.profile.probePath}`;
  const started = Date.now();
  try {
    const res = await request(url, {
      headers: { 'x-synthetic': config.runId },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
    return undefined;
  } catch (error) {
    const err = error as { code?: string; cause?: { code?: string }; name?: string; message?: string };
    const code = err.code ?? err.cause?.code ?? err.name;
    const why = code === 'ECONNREFUSED' ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host not found (DNS)'
      : err.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' ? `no answer within ${timeoutMs} ms`
      : `${code ?? 'error'}: ${err.message ?? ''}`;
    return {
      id: 'target.reachable',
      title: 'the target answers at all',
      status: 'failed',
      severity: 'P0',
      stage: 'preflight',
      durationMs: Date.now() - started,
      error: `${redactUrl(url)} unreachable: ${why}`,
    };
  }
}
