// Makes JUnit and Allure tell a broken release from a suite that could not decide, exactly as verdict.json does.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check, Verdict } from './schema.ts';

/** Playwright writes `<error>` for any thrown error and `<failure>` for assertions; the verdict knows which side broke. */
export function alignJunit(xml: string, statusOf: (checkId: string) => Check['status'] | undefined): string {
  const aligned = xml.replace(/<testcase\b[\s\S]*?<\/testcase>/g, (block) => {
    const id = /<property name="check" value="([^"]*)"/.exec(block)?.[1];
    const status = id ? statusOf(id) : undefined;
    if (status === 'error') return block.replace(/<failure\b/g, '<error').replace(/<\/failure>/g, '</error>');
    if (status === 'failed') return block.replace(/<error\b/g, '<failure').replace(/<\/error>/g, '</failure>');
    return block;
  });
  return recount(aligned);
}

function recount(xml: string): string {
  let totalFailures = 0;
  let totalErrors = 0;
  const suites = xml.replace(/<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/g, (_, attrs: string, body: string) => {
    const failures = body.match(/<testcase\b[\s\S]*?<\/testcase>/g)?.filter((t) => /<failure\b/.test(t)).length ?? 0;
    const errors = body.match(/<testcase\b[\s\S]*?<\/testcase>/g)?.filter((t) => /<error\b/.test(t)).length ?? 0;
    totalFailures += failures;
    totalErrors += errors;
    return `<testsuite${setAttr(setAttr(attrs, 'failures', failures), 'errors', errors)}>${body}</testsuite>`;
  });
  return suites.replace(/<testsuites\b([^>]*)>/, (_, attrs: string) => `<testsuites${setAttr(setAttr(attrs, 'failures', totalFailures), 'errors', totalErrors)}>`);
}

function setAttr(attrs: string, name: string, value: number): string {
  const re = new RegExp(`\\b${name}="[^"]*"`);
  return re.test(attrs) ? attrs.replace(re, `${name}="${value}"`) : `${attrs} ${name}="${value}"`;
}

/** Allure: `error` checks are "broken", failed ones "failed" (allure-playwright guesses from the error's type). */
export function alignAllure(result: { status?: string; labels?: { name: string; value: string }[] }, statusOf: (checkId: string) => Check['status'] | undefined): boolean {
  const id = result.labels?.find((l) => l.name === 'check')?.value;
  const status = id ? statusOf(id) : undefined;
  const wanted = status === 'error' ? 'broken' : status === 'failed' ? 'failed' : undefined;
  if (!wanted || result.status === wanted) return false;
  result.status = wanted;
  return true;
}

export function alignReportStatuses(reportsDir: string, verdict: Verdict): void {
  const byId = new Map(verdict.checks.map((c) => [c.id, c.status]));
  const statusOf = (id: string) => byId.get(id);
  const junit = join(reportsDir, 'junit.xml');
  try {
    writeFileSync(junit, alignJunit(readFileSync(junit, 'utf8'), statusOf));
  } catch {
    // no JUnit file: the run never reached Playwright
  }
  const allureDir = join(reportsDir, 'allure-results');
  let names: string[] = [];
  try {
    names = readdirSync(allureDir).filter((n) => n.endsWith('-result.json'));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(allureDir, name);
    const result = JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof alignAllure>[0];
    if (alignAllure(result, statusOf)) writeFileSync(path, JSON.stringify(result));
  }
}
