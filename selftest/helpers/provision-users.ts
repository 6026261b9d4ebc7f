// Pre-provisions a dialect's synthetic users the way an operator would (HOLDFAST_USERS_FILE): through the system's own
// sign-up route, from other loopback addresses than the gate's (its limits count per client address), into a 0600 file.
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticUser, type SyntheticUser } from '../../src/flows/identity.ts';

/** POSTs JSON from `localAddress`; resolves with the status. */
function post(url: string, body: unknown, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs up `count` users with `body(user)` at `url`, five per loopback address (127.0.0.2, .3, …); returns the file's path. */
export async function provisionUsers(url: string, count: number, body: (u: SyntheticUser) => unknown, perAddress = 5): Promise<{ file: string; users: SyntheticUser[] }> {
  const users: SyntheticUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = syntheticUser('provisioned', 'example.test', `op${i}`);
    const status = await post(url, body(user), `127.0.0.${2 + Math.floor(i / perAddress)}`);
    if (status >= 300) throw new Error(`provisioning user ${i} answered ${status}`);
    users.push(user);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'holdfast-users-')), 'users.json');
  writeFileSync(file, JSON.stringify({ customer: users }), { mode: 0o600 });
  return { file, users };
}
