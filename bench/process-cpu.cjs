// Preloaded (NODE_OPTIONS=-r) by bench/selftest-cpu.ts into every Node process of a run: at exit, appends the process's
// CPU time (all its threads) and wall time, with what it was, to the file BENCH_PROCESS_CPU_LOG names (not a HOLDFAST_
// variable: the selftests keep those from the CLI they run). CommonJS: -r needs it.
const { appendFileSync } = require('node:fs');

const log = process.env.BENCH_PROCESS_CPU_LOG;
const started = Date.now();
if (log) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    const entry = { cpuMs: Math.round((user + system) / 1000), wallMs: Date.now() - started, script: process.argv[1] ?? '', args: process.argv.slice(2, 4).join(' ') };
    try {
      appendFileSync(log, `${JSON.stringify(entry)}\n`);
    } catch {
      // A process that exits after its run's folder is gone has nothing to add.
    }
  });
}
