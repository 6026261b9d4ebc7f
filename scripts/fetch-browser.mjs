#!/usr/bin/env node
// Install-time (npm `prepare`): fetch Playwright's Chromium when no browser is found; where downloads are blocked, say so
// in one line and carry on (the web journeys then report the command that fixes it). HOLDFAST_SKIP_BROWSER_DOWNLOAD=1 skips.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function browserFound() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  try {
    const { chromium } = require('playwright-core');
    if (existsSync(chromium.executablePath())) return true;
  } catch {
    // no Playwright browser registry: fall through to the distribution's
  }
  return existsSync('/usr/bin/chromium');
}

if (process.env.HOLDFAST_SKIP_BROWSER_DOWNLOAD || browserFound()) process.exit(0);
const cli = require.resolve('@playwright/test/cli');
const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'ignore', timeout: 60_000 });
if (result.status === 0) console.log('holdfast: installed Playwright\'s Chromium for the web journeys');
else console.log('holdfast: no Chromium found and none could be downloaded; the web journeys will say how to install one (npx playwright install chromium, apt-get install chromium, or CHROMIUM_PATH)');
