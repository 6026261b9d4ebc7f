// As root, from a checkout inside a 0700 folder (the postgres user cannot enter it), does the sandbox still start and answer ready?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { privateClone } from '../helpers/private-clone.ts';

test('the sandbox starts as root from a checkout in a private folder', { skip: process.getuid?.() !== 0 && 'runs only as root' }, async () => {
  const { privateDir, checkout } = privateClone();
  try {
    assert.equal(statSync(privateDir).mode & 0o777, 0o700);
    const child = spawn(process.execPath, [join(checkout, 'bin/holdfast.mjs'), 'sandbox', '--port', '0', '--web-port', '0'], { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const apiUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        stdout += c;
        const match = /API\s+(http:\/\/\S+)\/v1/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`the sandbox exited ${code} before it was ready\n${stdout}\n${stderr}`)));
    });
    try {
      assert.equal((await fetch(`${apiUrl}/v1/health/ready`)).status, 200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
});
