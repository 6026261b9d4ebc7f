// How the suite runs: three projects (api, integrity, web), zero retries, and the reporters whose files the gate reads.
// The CLI runs api and integrity as one project when both are asked for (see src/cli/pooled-projects.ts).
import { defineConfig } from '@playwright/test';
import { resolveChromium, videoMode } from './fixtures/browser.ts';
import { POOLED_PROJECT, POOLED_PROJECTS_ENV } from './src/cli/pooled-projects.ts';

const reportsDir = process.env.HOLDFAST_REPORTS_DIR ?? 'reports';

export default defineConfig({
  // The gate never retries: a flaky pass is a bug in the suite or the target, not something to hide.
  retries: 0,
  forbidOnly: true,
  fullyParallel: true,
  workers: Number(process.env.HOLDFAST_WORKERS ?? 2),
  timeout: 60_000,
  expect: { timeout: 5_000 },
  outputDir: `${reportsDir}/test-results`,
  reporter: [
    [process.env.CI ? 'line' : 'list'],
    ['./src/verdict/reporter.ts', { outputFile: `${reportsDir}/verdict.json` }],
    ['junit', { outputFile: `${reportsDir}/junit.xml` }],
    ['json', { outputFile: `${reportsDir}/results.json` }],
    ['allure-playwright', { resultsDir: `${reportsDir}/allure-results`, detail: true, suiteTitle: true }],
  ],
  projects: [
    ...(process.env[POOLED_PROJECTS_ENV] === '1'
      ? [{ name: POOLED_PROJECT, testDir: 'tests', testMatch: /[\\/](api|integrity)[\\/][^\\/]+\.spec\.ts$/ }]
      : [
          { name: 'api', testDir: 'tests/api' },
          { name: 'integrity', testDir: 'tests/integrity' },
        ]),
    {
      name: 'web',
      testDir: 'tests/web',
      use: {
        baseURL: process.env.HOLDFAST_WEB_URL,
        launchOptions: resolveChromium(),
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
        video: videoMode(),
      },
    },
  ],
});
