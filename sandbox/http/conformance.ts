// What a second, independent implementation of the contract may answer: `--conformance minimal` strips every answer to
// the contracted fields, sends money as numbers, renames the snapshot's other keys and reorders keys.
import { routes, type RouteName } from '../../src/contract/routes.ts';
import type { Conformance } from '../faults.ts';
import type { Reply } from './router.ts';

const MONEY_KEYS = new Set(['pricePerPerson', 'basePrice', 'totalPrice', 'amount', 'total']);
/** The only problem code the contract names; every other code is the sandbox's own. */
const CONTRACTED_CODES = new Set(['INSUFFICIENT_INVENTORY']);

export function conform(mode: Conformance, route: RouteName | undefined, reply: Reply): Reply {
  if (mode === 'off' || reply.body === undefined || reply.status === 204) return reply;
  if (reply.status >= 400) return { ...reply, body: reorder(minimalProblem(reply.body as Record<string, unknown>)) };
  const schema = route ? routes[route].responses[reply.status as keyof (typeof routes)[RouteName]['responses']] : undefined;
  if (!schema) return reply;
  const original = reply.body as Record<string, unknown>;
  const parsed = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(original);
  if (!parsed.success) return reply;
  const stripped = parsed.data as Record<string, unknown>;
  if (stripped && typeof stripped === 'object' && isObject(original.priceSnapshot)) stripped.priceSnapshot = renamedSnapshot(original.priceSnapshot);
  return { ...reply, body: reorder(moneyAsNumbers(stripped)) };
}

function minimalProblem(body: Record<string, unknown>): Record<string, unknown> {
  const { statusCode, message, requestId, code } = body;
  return {
    statusCode,
    message,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(typeof code === 'string' && CONTRACTED_CODES.has(code) ? { code } : {}),
  };
}

/** Keeps `total`; every other key gets another name, as other implementations spell them differently. */
function renamedSnapshot(snapshot: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(snapshot).map(([key, value]) => (key === 'total' ? [key, value] : [`impl_${key}`, value])));
}

function moneyAsNumbers(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => moneyAsNumbers(v));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moneyAsNumbers(v, k)]));
  if (MONEY_KEYS.has(key) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** Field order never matters: answer every object's keys in reverse. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
