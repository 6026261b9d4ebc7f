// Bundles the k6 scripts (TypeScript) into plain ES modules in load/dist/, with k6's own modules left as imports.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const entries = ['slo-gate.ts'];

export async function buildLoadScripts() {
  await build({
    entryPoints: entries.map((e) => join(here, e)),
    outdir: join(here, 'dist'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // goja in k6 v0.46 handles ES2017 syntax everywhere; newer syntax is lowered.
    target: 'es2017',
    external: ['k6', 'k6/*'],
    logLevel: 'warning',
    legalComments: 'none',
  });
  return entries.map((e) => join(here, 'dist', e.replace(/\.ts$/, '.js')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outputs = await buildLoadScripts();
  console.log(`built ${outputs.join(', ')}`);
}
