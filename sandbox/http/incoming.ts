// What the sandbox's servers read off a request before a handler sees it: its id, its raw body, its JSON, its bearer token.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem.ts';

const MAX_BODY_BYTES = 1_000_000;

/** The caller's X-Request-ID when it is sane, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const inbound = req.headers['x-request-id'];
  return typeof inbound === 'string' && inbound.length > 0 && inbound.length <= 200 ? inbound : randomUUID();
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpProblem(413, 'request body too large', 'PAYLOAD_TOO_LARGE'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The body as JSON (undefined when empty); `refusal` is thrown when it is not JSON. */
export function parseJson(raw: string, refusal: () => HttpProblem): unknown {
  if (!raw.length) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw refusal();
  }
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}
