// Where is a file of the checkout, from a module that may run from source or from the bundle in dist/? The nearest folder above that holds it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `moduleUrl`'s folder that contains `relativePath`; throws when none does. */
export function findUp(moduleUrl: string, relativePath: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, relativePath))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ${relativePath} in any folder above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}
