// Does the demo gate pass again and again, how long does it take, and how much memory does the browser use?
// Usage: node --import tsx bench/gate-repeat.ts [runs=5] [-- demo flags, e.g. --project web --load off]
// Runs `holdfast demo` `runs` times in a row (sandbox up, gate, sandbox down), timing each run and sampling the RSS
// of every Chromium process every 200 ms (when the web project runs); prints each run, then pass count, median wall time and peak browser RSS.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { percentile } from '../src/stats/percentile.ts';

const separator = process.argv.indexOf('--');
const runs = Number(process.argv[2] && process.argv[2] !== '--' ? process.argv[2] : 5);
const demoFlags = separator > 0 ? process.argv.slice(separator + 1) : ['--load', 'off'];
const root = new URL('..', import.meta.url).pathname;

/** Total and largest RSS (MiB) of the running Chromium processes. */
function chromiumRss(): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  try {
    const table = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
    for (const line of table.split('\n')) {
      const match = /^\s*(\d+)\s+(.*)$/.exec(line);
      if (!match || !/chrom(e|ium)/i.test(match[2]!) || /ps -eo/.test(match[2]!)) continue;
      const mib = Number(match[1]) / 1024;
      total += mib;
      largest = Math.max(largest, mib);
    }
  } catch {
    /* ps unavailable: no memory numbers */
  }
  return { total, largest };
}

// Sampling `ps` costs CPU the gate would otherwise have: only when the web project (Chromium) runs.
const projects = demoFlags.flatMap((flag, i) => (flag === '--project' ? [demoFlags[i + 1]] : []));
const runsBrowser = projects.length === 0 || projects.includes('web');

const walls: number[] = [];
let passed = 0;
let peakTotal = 0;
let peakLargest = 0;
for (let run = 1; run <= runs; run += 1) {
  const started = performance.now();
  const sampler = runsBrowser
    ? setInterval(() => {
        const { total, largest } = chromiumRss();
        peakTotal = Math.max(peakTotal, total);
        peakLargest = Math.max(peakLargest, largest);
      }, 200)
    : undefined;
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/holdfast.mjs'), 'demo', '--reports-dir', join(root, 'reports', 'bench'), ...demoFlags], { cwd: root, stdio: 'ignore' });
    child.on('close', (c) => resolve(c ?? 1));
  });
  clearInterval(sampler);
  const wall = performance.now() - started;
  walls.push(wall);
  if (code === 0) passed += 1;
  console.log(`run ${run}: ${code === 0 ? 'pass' : `FAIL (exit ${code})`} in ${(wall / 1000).toFixed(1)} s`);
}
console.log(`\nholdfast demo ${demoFlags.join(' ')}: ${passed}/${runs} passed; wall time median ${(percentile(walls, 50) / 1000).toFixed(1)} s, max ${(Math.max(...walls) / 1000).toFixed(1)} s`);
if (peakTotal > 0) console.log(`Chromium RSS: peak ${peakTotal.toFixed(0)} MiB across all its processes, largest single process ${peakLargest.toFixed(0)} MiB`);
