// Where a cycle's verdict goes: monitor-last.json always, and a kept copy per failing cycle for the page to point at.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Verdict } from '../verdict/schema.ts';

/** Failing cycles' reports kept in <reports>/monitor-cycles/; older ones are removed. */
export const KEPT_CYCLE_REPORTS = 200;

export function reportsDirOf(reportsDir: string): string {
  return isAbsolute(reportsDir) ? reportsDir : join(process.cwd(), reportsDir);
}

/** Writes the cycle's verdict; returns the kept copy's path when the cycle failed. */
export function writeCycleReport(reportsDir: string, verdict: Verdict): string | undefined {
  const dir = reportsDirOf(reportsDir);
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(verdict, null, 2)}\n`;
  writeFileSync(join(dir, 'monitor-last.json'), text);
  if (verdict.verdict === 'pass') return undefined;
  const kept = join(dir, 'monitor-cycles');
  mkdirSync(kept, { recursive: true });
  const path = join(kept, `${verdict.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, text);
  const names = readdirSync(kept).filter((n) => n.endsWith('.json')).sort();
  for (const old of names.slice(0, Math.max(0, names.length - KEPT_CYCLE_REPORTS))) rmSync(join(kept, old), { force: true });
  return path;
}
