// The three outcomes the load stage must give per dialect profile, shared by the recorder of fixtures/k6 and the tests:
// healthy passes; slow-reserve (every other reservation waits 600 ms) is a P1 breach naming the reservation step; a
// sign-in the script cannot perform is an error (exit 3): an unknown pre-provisioned user, or a sign-up limit already spent.
import { join } from 'node:path';
import { routes as servicelink } from '../../src/systems/servicelink/routes.ts';
import { routes as soleil } from '../../src/systems/soleil/routes.ts';
import { repoRoot } from '../helpers/run-cli.ts';

export const STANDIN = join(repoRoot, 'selftest', 'load', 'k6-standin', 'k6-standin.mjs');

export interface DialectRun {
  name: string;
  faults: string[];
  signIn?: 'unknown-user' | 'sign-ups-exhausted';
  status: 'passed' | 'failed' | 'error';
  exit: 0 | 1 | 3;
  error?: RegExp;
  fix?: RegExp;
}

export interface DialectCase {
  profile: 'travellr' | 'soleil' | 'servicelink' | 'erp';
  reserve: string;
  runs: DialectRun[];
}

const runs = (reserve: string, signIn: DialectRun): DialectRun[] => [
  { name: 'healthy', faults: [], status: 'passed', exit: 0 },
  { name: `slow-${reserve}`, faults: ['slow-reserve'], status: 'failed', exit: 1, error: new RegExp(`http_req_duration\\{flow:book,step:${reserve}\\} p\\(95\\)<\\d+: observed [5-9]\\d\\d`) },
  { ...signIn, name: 'signin-impossible' },
];

const unknownUser = (request: RegExp): DialectRun => ({ name: '', faults: [], signIn: 'unknown-user', status: 'error', exit: 3, error: request, fix: /HOLDFAST_USERS_FILE/ });
const spentSignUps = (request: RegExp): DialectRun => ({ name: '', faults: [], signIn: 'sign-ups-exhausted', status: 'error', exit: 3, error: request, fix: /pre-provisioned users \(HOLDFAST_USERS_FILE\)/ });

export const dialectCases: DialectCase[] = [
  { profile: 'travellr', reserve: 'book', runs: runs('book', unknownUser(/setup\(\) could not complete step "sign-in": POST \/api\/v1\/auth\/login answered 401/)) },
  { profile: 'soleil', reserve: 'book', runs: runs('book', spentSignUps(/setup\(\) could not complete step "sign-in": POST \/api\/auth\/register answered 429/)) },
  { profile: 'servicelink', reserve: 'accept', runs: runs('accept', spentSignUps(/setup\(\) could not complete step "sign-in": POST \/auth\/signup answered 429/)) },
  { profile: 'erp', reserve: 'order', runs: runs('order', unknownUser(/setup\(\) could not complete step "sign-in": POST \/api\/login answered 401/)) },
];

/** Spends the dialect's sign-up limit (5 a minute per client address), as an earlier run on the same address would. */
export async function exhaustSignUps(profile: string, apiUrl: string): Promise<void> {
  const route = profile === 'soleil' ? soleil.register : servicelink.signup;
  for (let i = 0; i < 6; i += 1) {
    const email = `spent+${i}-${Date.now()}@example.test`;
    const password = 'Spent-limit-1!';
    const body = profile === 'soleil' ? { name: 'Spent', email, password, password_confirmation: password } : { email, password, name: 'Spent', role: 'CUSTOMER' };
    const res = await fetch(`${apiUrl}${route.path}`, { method: route.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (res.status === 429) return;
  }
  throw new Error(`${profile}: ${route.path} never answered 429`);
}
