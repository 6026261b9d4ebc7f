#!/usr/bin/env node
// Compiles the CLI and the engine (src/cli/main.ts and all it imports) to JavaScript in dist/, so `holdfast` starts without a TypeScript loader.
// Usage: node scripts/build.mjs [--force]   Skips the build while dist/ is current. Each build is a new folder, named in
// dist/current.json only once complete, so a command already running from the previous build never reads a half-written file.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { currentBuild, distDir, pointerFile, repoRoot } from './dist-state.mjs';

/** Builds older than this are removed (a command loads its chunks within moments of starting). */
const KEEP_OLD_BUILDS_MS = 10 * 60_000;

/** Plain .mjs modules of the checkout (load/build.mjs) stay where they are: imported from dist/<id>/ by a relative path. */
const keepRepoModules = (outdir) => ({
  name: 'keep-repo-mjs',
  setup(build) {
    build.onResolve({ filter: /\.mjs$/ }, (args) => {
      if (!args.path.startsWith('.')) return undefined;
      const target = resolve(dirname(args.importer), args.path);
      return { path: relative(outdir, target).split(sep).join('/'), external: true };
    });
  },
});

export async function buildDist({ force = false } = {}) {
  if (!force && currentBuild()) return { built: false };
  const esbuild = await import('esbuild').catch(() => undefined);
  if (!esbuild) return { built: false, reason: 'esbuild is not installed (production install): holdfast runs from the TypeScript sources' };
  const { build } = esbuild;
  const builtAt = Date.now();
  const id = `${builtAt.toString(36)}-${process.pid}`;
  const outdir = join(distDir, id);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies stay in node_modules, except zod: bundled, it is one module instead of a couple of hundred to resolve at start.
    external: externalPackages(),
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [keepRepoModules(outdir)],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')).sort();
  mkdirSync(distDir, { recursive: true });
  const temp = `${pointerFile}.${process.pid}`;
  writeFileSync(temp, `${JSON.stringify({ id, builtAt, inputs }, null, 1)}\n`);
  renameSync(temp, pointerFile);
  pruneOldBuilds(id);
  return { built: true, id, inputs: inputs.length, ms: Date.now() - builtAt };
}

const BUNDLED_PACKAGES = new Set(['zod']);

function externalPackages() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => !BUNDLED_PACKAGES.has(name));
  return names.flatMap((name) => [name, `${name}/*`]);
}

function pruneOldBuilds(keep) {
  for (const name of readdirSync(distDir)) {
    const path = join(distDir, name);
    if (name === keep || !statSync(path).isDirectory()) continue;
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(repoRoot, 'scripts/build.mjs')) {
  const outcome = await buildDist({ force: process.argv.includes('--force') });
  console.log(outcome.built ? `built dist/${outcome.id} from ${outcome.inputs} sources in ${outcome.ms} ms` : (outcome.reason ?? 'dist/ is current'));
}
