// With `node --import <this file>`, any import of a TypeScript module or of the tsx loader fails: proof a command runs from compiled JavaScript.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  if (/^tsx(\/|$)/.test(specifier)) throw new Error(`forbidden: the tsx loader (${specifier})`);
  const resolved = await next(specifier, context);
  if (/\.[cm]?tsx?$/.test(new URL(resolved.url).pathname)) throw new Error(`forbidden: TypeScript module ${resolved.url}`);
  return resolved;
}
