// Where k6 is: K6_BIN, else `k6` on PATH; undefined when neither exists.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const K6_INSTALL_HINT = 'set K6_BIN or install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/)';

export function findK6(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.K6_BIN, ...(env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'k6'))];
  return candidates.find((path): path is string => {
    if (!path) return false;
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
