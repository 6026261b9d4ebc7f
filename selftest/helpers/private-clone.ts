// A copy of the checkout inside a folder only its owner can enter (0700, like `mktemp -d` or /root): sources copied, node_modules hard-linked.
import { linkTree } from '../../sandbox/db/reachable-binaries.ts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './run-cli.ts';

/** Returns the private folder (remove it when done) and the checkout inside it. */
export function privateClone(): { privateDir: string; checkout: string } {
  // Under the ignored .holdfast/ so hard links to node_modules stay on one file system.
  mkdirSync(join(repoRoot, '.holdfast'), { recursive: true });
  const privateDir = mkdtempSync(join(repoRoot, '.holdfast', 'private-'));
  const checkout = join(privateDir, 'holdfast');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const source = join(repoRoot, file);
    try {
      if (!lstatSync(source).isFile()) continue;
    } catch {
      continue; // deleted in the working tree
    }
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    copyFileSync(source, join(checkout, file));
  }
  linkTree(join(repoRoot, 'node_modules'), join(checkout, 'node_modules'));
  return { privateDir, checkout };
}
