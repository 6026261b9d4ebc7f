// Who a synthetic user is: an address that names the run, and a throwaway password.
import { randomBytes } from 'node:crypto';
import { registerSecret } from '../client/redact.ts';

export interface SyntheticUser {
  email: string;
  password: string;
}

let counter = 0;

export function syntheticUser(runId: string, domain: string, label = String(process.pid)): SyntheticUser {
  counter += 1;
  const email = `synthetic+${runId}-${label}-${counter}@${domain}`.toLowerCase();
  // The "-9z" tail satisfies the strictest policy among the systems (upper, lower, digit, symbol).
  const password = `Hf-${randomBytes(12).toString('base64url')}-9z`;
  registerSecret(password);
  return { email, password };
}
