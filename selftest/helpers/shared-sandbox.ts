// One sandbox for a whole test file (or describe block): started in `before`, stopped in `after`, switched between cases.
import { after, before } from 'node:test';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.ts';

/** Registers the hooks; the returned function gives the running sandbox, reset and set to `faults` when given. */
export function sharedSandbox(options: SandboxOptions): (faults?: string[]) => Promise<Sandbox> {
  let sandbox: Sandbox | undefined;
  before(async () => {
    sandbox = await startSandbox({ port: 0, webPort: 0, ...options });
  });
  after(async () => sandbox?.stop());
  return async (faults) => {
    if (!sandbox) throw new Error('the shared sandbox did not start (see the before hook)');
    if (faults) {
      await sandbox.reset();
      await sandbox.setState({ faults });
    }
    return sandbox;
  };
}
