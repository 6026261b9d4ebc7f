// Which compiled build may the holdfast command run? The one dist/current.json names, while no source it was built from has changed since.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(repoRoot, 'dist');
export const pointerFile = join(distDir, 'current.json');

/** { id, builtAt, inputs } from dist/current.json, or undefined when there is none. */
export function readPointer() {
  try {
    return JSON.parse(readFileSync(pointerFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The build's entry file when every input is as old as the build, else undefined (a source changed or went away). */
export function currentBuild() {
  const pointer = readPointer();
  if (!pointer) return undefined;
  for (const input of pointer.inputs) {
    try {
      if (statSync(join(repoRoot, input)).mtimeMs > pointer.builtAt) return undefined;
    } catch {
      return undefined;
    }
  }
  return { id: pointer.id, entry: join(distDir, pointer.id, 'main.js') };
}
