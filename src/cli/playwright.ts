// Runs the Playwright specs as a child process with the validated configuration in its environment.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { findUp } from './find-up.ts';
import { pooledProjects } from './pooled-projects.ts';

/** The checkout's root, whether this module runs from src/ or from the bundle in dist/. */
export const repoRoot = findUp(import.meta.url, 'playwright.config.ts');

export interface PlaywrightRun {
  projects: string[];
  grep?: string;
  grepInvert?: string;
  env: Record<string, string>;
  workers?: number;
  extraArgs?: string[];
}

export function runPlaywright(run: PlaywrightRun): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const pooled = pooledProjects(run.projects);
  const args = [
    cli,
    'test',
    '--config',
    join(repoRoot, 'playwright.config.ts'),
    ...pooled.projects.flatMap((p) => ['--project', p]),
    ...(run.grep ? ['--grep', run.grep] : []),
    ...(run.grepInvert ? ['--grep-invert', run.grepInvert] : []),
    ...(run.workers ? ['--workers', String(run.workers)] : []),
    '--pass-with-no-tests',
    ...(run.extraArgs ?? []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...run.env, ...pooled.env }, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('close', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 1);
    });
  });
}
