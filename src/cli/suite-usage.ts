// What `holdfast gate` and `holdfast smoke` accept: their flags and usage text, kept apart so `--help` loads nothing else.
export type SuiteMode = 'gate' | 'smoke';

export const options = {
  target: { type: 'string' },
  baseline: { type: 'string' },
  'env-file': { type: 'string' },
  'base-url': { type: 'string' },
  'web-url': { type: 'string' },
  'database-url': { type: 'string' },
  profile: { type: 'string' },
  environment: { type: 'string' },
  'allow-destructive': { type: 'boolean' },
  project: { type: 'string', multiple: true },
  grep: { type: 'string' },
  load: { type: 'string' },
  'load-duration': { type: 'string' },
  'load-rate': { type: 'string' },
  'reports-dir': { type: 'string' },
  workers: { type: 'string' },
  'run-id': { type: 'string' },
} as const;

export function usage(mode: SuiteMode): string {
  return [
    `usage: holdfast ${mode} [--target <url|env file>] [options]`,
    '',
    '  --target URL|FILE      the API base URL, or an env file describing the stack (HOLDFAST_* variables)',
    ...(mode === 'gate' ? ['  --baseline URL|FILE    the live (blue) stack to compare p95 and catalog against'] : []),
    '  --env-file FILE        extra HOLDFAST_* variables (the real environment and flags win)',
    '  --base-url, --web-url, --database-url, --profile, --environment   override single variables',
    '  --allow-destructive    run races and expiry waits even against production',
    '  --project NAME         api | integrity | web (repeatable; default all)',
    '  --grep REGEX           only checks whose title matches (e.g. @smoke)',
    ...(mode === 'gate' ? ['  --load on|off|auto     the k6 SLO stage (default on; auto runs it when k6 is installed)', '  --load-duration S      seconds of load (default 120)', '  --load-rate N          requests per second for browse (default 10)'] : []),
    '  --reports-dir DIR      where verdict.json, JUnit and Allure results go (default reports)',
    '',
    'exit codes: 0 pass · 1 a check failed (the release is broken) · 2 usage or configuration error',
    '            3 inconclusive: nothing failed, but the suite could not decide a check (see its "fix")',
  ].join('\n');
}
