// Runs the holdfast CLI as a subprocess, the way CI and operators do, and reads the verdict it wrote.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { Verdict } from '../../src/verdict/schema.ts';

export const repoRoot = new URL('../..', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 180_000): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/holdfast.mjs'), ...args], {
      cwd: repoRoot,
      env: { ...cleanEnv(), CI: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`holdfast ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The parent's environment without any HOLDFAST_ variable, so tests never inherit a developer's target. */
function cleanEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => !e[0].startsWith('HOLDFAST_') && e[1] !== undefined));
}

export function tempReportsDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `holdfast-${label}-`));
}

export function readVerdict(reportsDir: string): Verdict {
  const path = join(reportsDir, 'verdict.json');
  if (!existsSync(path)) throw new Error(`no verdict at ${path}`);
  return Verdict.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Every file under a folder, with its text (binary files are read as latin1 so a grep still sees ASCII secrets). */
export function* filesUnder(dir: string): Generator<{ path: string; text: string }> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield { path, text: readFileSync(path).toString('latin1') };
  }
}

export function describeFailures(verdict: Verdict): string {
  return verdict.checks.filter((c) => c.status === 'failed').map((c) => `${c.severity} ${c.id}: ${c.error?.split('\n')[0]}`).join('\n') || '(no failed checks)';
}

const secretPatterns: [string, RegExp][] = [
  ['a JWT', /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['a synthetic password', /Hf-[A-Za-z0-9_-]{16}/],
  ['a bearer token', /Bearer [A-Za-z0-9]/],
];

/** Every place under `dir` (zip entries included) where a secret pattern or one of `values` appears. */
export function secretsIn(dir: string, values: string[] = []): string[] {
  const findings: string[] = [];
  const scan = (where: string, text: string) => {
    for (const [what, pattern] of secretPatterns) if (pattern.test(text)) findings.push(`${what} in ${where}`);
    for (const value of values) if (value.length >= 4 && text.includes(value)) findings.push(`a configured secret in ${where}`);
  };
  for (const { path, text } of filesUnder(dir)) {
    if (path.endsWith('.zip')) {
      for (const entry of new AdmZip(path).getEntries()) if (!entry.isDirectory) scan(`${path}!${entry.entryName}`, entry.getData().toString('latin1'));
    } else {
      scan(path, text);
    }
  }
  return findings;
}
