// Can a test switch a running sandbox's faults, or put its data back, without restarting it? The loopback-only control routes.
import type { IncomingMessage } from 'node:http';
import type { Conformance } from '../faults.ts';
import type { Reply } from './router.ts';

export const CONTROL_PREFIX = '/__sandbox/';

export interface SandboxState {
  faults: string[];
  conformance: Conformance;
}

export interface Control {
  state(): SandboxState;
  /** Throws UnknownFaultError for a name the sandbox does not know (answered 400). */
  setState(state: { faults: string[]; conformance?: Conformance }): Promise<void>;
  /** Recreates the schema and the seed. */
  reset(): Promise<void>;
}

export function isControlPath(pathname: string): boolean {
  return pathname.startsWith(CONTROL_PREFIX);
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** GET|PUT /__sandbox/state ({ faults: string[], conformance?: 'off'|'minimal' }) and POST /__sandbox/reset; 404 to anyone off loopback. */
export async function handleControl(control: Control, req: IncomingMessage, pathname: string, raw: string): Promise<Reply> {
  const notFound: Reply = { status: 404, body: { message: `Cannot ${req.method} ${pathname}` } };
  if (!loopback.has(req.socket.remoteAddress ?? '')) return notFound;
  const route = `${req.method} ${pathname.slice(CONTROL_PREFIX.length)}`;
  if (route === 'GET state') return { status: 200, body: control.state() };
  if (route === 'POST reset') {
    await control.reset();
    return { status: 200, body: control.state() };
  }
  if (route !== 'PUT state') return notFound;
  const parsed = parseState(raw);
  if (typeof parsed === 'string') return { status: 400, body: { message: parsed } };
  try {
    await control.setState(parsed);
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } };
  }
  return { status: 200, body: control.state() };
}

function parseState(raw: string): { faults: string[]; conformance?: Conformance } | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'body must be JSON: {"faults": string[], "conformance"?: "off"|"minimal"}';
  }
  const { faults, conformance } = (body ?? {}) as { faults?: unknown; conformance?: unknown };
  if (!Array.isArray(faults) || faults.some((f) => typeof f !== 'string')) return 'faults: expected an array of fault names';
  if (conformance !== undefined && conformance !== 'off' && conformance !== 'minimal') return 'conformance: expected "off" or "minimal"';
  return { faults: faults as string[], conformance };
}
