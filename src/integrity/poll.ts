// Waiting for a condition instead of sleeping: poll until it holds or the deadline passes.
import { setTimeout as delay } from 'node:timers/promises';

export async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, deadline: number, everyMs = 100): Promise<{ value: T; met: boolean }> {
  let value = await probe();
  while (!done(value)) {
    if (Date.now() >= deadline) return { value, met: false };
    await delay(Math.min(everyMs, Math.max(0, deadline - Date.now())));
    value = await probe();
  }
  return { value, met: true };
}
