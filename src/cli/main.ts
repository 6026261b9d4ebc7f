// Which command runs: dispatches `holdfast <command>` to its module and maps failures to exit codes (0 pass, 1 fail, 2 usage).
import { UsageError } from './usage-error.ts';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  gate: { summary: 'the cutover gate: every check, then load and baseline stages', load: async () => suiteCommand('gate') },
  smoke: { summary: 'post-deploy smoke: @smoke checks only, never destructive', load: async () => suiteCommand('smoke') },
  monitor: { summary: 'scheduled synthetic monitoring with Prometheus metrics and alerts', load: async () => (await import('../monitor/command.ts')).runMonitorCommand },
  load: { summary: 'the k6 SLO load stage on its own', load: async () => (await import('../load/command.ts')).runLoadCommand },
  demo: { summary: 'start the sandbox, gate it, print the verdict (add --fault NAME to see a failure)', load: async () => (await import('./demo.ts')).runDemoCommand },
  sandbox: { summary: 'start the reference target (TripAvail sandbox)', load: async () => (await import('../../sandbox/cli.ts')).runSandboxCommand },
};

/** `--help` prints from the small usage module; only a real run loads the suite (config, client, reports). */
function suiteCommand(mode: 'gate' | 'smoke'): Command {
  return async (argv) => {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log((await import('./suite-usage.ts')).usage(mode));
      return 0;
    }
    return (await import('./suite.ts')).runSuiteCommand(mode, argv);
  };
}

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['usage: holdfast <command> [options]', '', 'commands:', ...lines, '', 'Run `holdfast <command> --help` for its options.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`holdfast: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`holdfast ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
