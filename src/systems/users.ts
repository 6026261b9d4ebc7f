// Who the run signs in as: where a system limits sign-ups (ServiceLink, Soleil: 5 a minute per client), each worker keeps
// a small pool — one customer reused by every check that only needs "a user", and counterparts (providers, other guests)
// reused across checks — taking pre-provisioned users (HOLDFAST_USERS_FILE) first and signing up only what is missing.
// Signed-up users are shared by the run's workers (Playwright runs each project in its own process) through a private
// folder (0700, files 0600) holding their sessions, so a gate signs up one customer and as many counterparts as a check
// needs at once, whatever its number of workers.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import { registerSecret } from '../client/redact.ts';
import type { Session } from '../flows/auth.ts';
import type { SyntheticUser } from '../flows/identity.ts';
import { SuiteError } from '../verdict/suite-error.ts';
import type { BookingSystem, Party, SystemContext } from './types.ts';

const Credentials = z.object({ email: z.string().min(3), password: z.string().min(1) });
const UsersFile = z.object({ customer: z.array(Credentials).default([]), counterpart: z.array(Credentials).optional() });
export type ProvisionedUsers = Record<Party, SyntheticUser[]>;

/**
 * Reads HOLDFAST_USERS_FILE. Every password is registered as a secret before anything else can print it; errors name
 * the file and the field, never a value. `counterpart` defaults to the customers for systems with one kind of user.
 */
export function readUsersFile(path: string): ProvisionedUsers {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SuiteError(`HOLDFAST_USERS_FILE ${path} cannot be read as JSON (${(error as NodeJS.ErrnoException).code ?? 'not JSON'})`, 'point HOLDFAST_USERS_FILE at a JSON file {"customer": [{"email", "password"}], "counterpart": [...]}');
  }
  for (const list of Object.values((raw ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(list)) for (const u of list) registerSecret(typeof u?.password === 'string' ? u.password : undefined);
  }
  const parsed = UsersFile.safeParse(raw);
  if (!parsed.success) {
    throw new SuiteError(`HOLDFAST_USERS_FILE ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'each role lists {"email", "password"} objects');
  }
  return { customer: parsed.data.customer, counterpart: parsed.data.counterpart ?? parsed.data.customer };
}

/** This worker's share of the provisioned users: every `of`-th one from `index`, so no two workers sign in the same user. */
export function shareOf(users: ProvisionedUsers, index: number, of: number): ProvisionedUsers {
  const pick = (list: SyntheticUser[]) => list.filter((_, i) => i % of === index);
  const customer = pick(users.customer);
  // Systems with one kind of user list them once: counterparts are the customers after the first.
  const counterpart = users.counterpart === users.customer ? customer.slice(1) : pick(users.counterpart);
  return { customer: customer.slice(0, 1), counterpart };
}

export class UserPool {
  private primaryUser?: Promise<Session>;
  private readonly others: (Promise<Session> | undefined)[] = [];

  constructor(
    private readonly provisioned: ProvisionedUsers,
    private readonly freshUser: () => SyntheticUser,
    /** Where the run's workers share signed-up sessions; absent: this worker's own. */
    private readonly shared?: RunShare,
  ) {}

  get hasProvisioned(): boolean {
    return this.provisioned.customer.length + this.provisioned.counterpart.length > 0;
  }

  /** The worker's one customer, signed in once. */
  primary(system: BookingSystem, ctx: SystemContext): Promise<Session> {
    this.primaryUser ??= this.signIn(system, ctx, 'customer', this.provisioned.customer[0], 0);
    return this.forgetOnFailure(this.primaryUser, () => (this.primaryUser = undefined));
  }

  /** The `i`-th counterpart of this worker (distinct from the customer and from each other), signed in once. */
  other(system: BookingSystem, ctx: SystemContext, i: number): Promise<Session> {
    const session = (this.others[i] ??= this.signIn(system, ctx, 'counterpart', this.provisioned.counterpart[i], i));
    return this.forgetOnFailure(session, () => (this.others[i] = undefined));
  }

  private async signIn(system: BookingSystem, ctx: SystemContext, party: Party, provisioned: SyntheticUser | undefined, i: number): Promise<Session> {
    if (!provisioned) return this.shared ? this.shared.session(`${party}-${i}`, () => system.signIn(ctx, this.freshUser(), party)) : system.signIn(ctx, this.freshUser(), party);
    if (!system.logIn) throw new SuiteError(`profile ${ctx.config.profile.name} cannot sign in pre-provisioned users`, 'remove HOLDFAST_USERS_FILE for this profile');
    return system.logIn(ctx, provisioned, party);
  }

  /** A failed sign-in is not cached: the next check tries again (and reports its own error). */
  private forgetOnFailure(p: Promise<Session>, forget: () => void): Promise<Session> {
    p.catch(forget);
    return p;
  }
}

/** Sessions the run's workers share: the first to ask for a key signs it in (holding a lock file), the others read it. */
export class RunShare {
  constructor(
    readonly dir: string,
    private readonly waitMs = 60_000,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  static forRun(runId: string): RunShare {
    return new RunShare(RunShare.dirOf(runId));
  }

  /** Where a run's shared sessions live (tokens: removed when the run ends, see `discard`). */
  static dirOf(runId: string): string {
    return join(tmpdir(), `holdfast-${runId}-users`);
  }

  /** Deletes a run's shared sessions; their tokens must not outlive the run on disk. */
  static discard(runId: string): void {
    rmSync(RunShare.dirOf(runId), { recursive: true, force: true });
  }

  async session(key: string, create: () => Promise<Session>): Promise<Session> {
    const session = await this.value(key, create);
    registerSecret(session.token);
    return session;
  }

  /** A synthetic user the run's workers share (its password is a secret from the moment it is read). */
  async user(key: string, create: () => Promise<SyntheticUser>): Promise<SyntheticUser> {
    const who = await this.value(key, create);
    registerSecret(who.password);
    return who;
  }

  /** Something the run's workers share together with the session that owns it (its token is a secret once read). */
  async owned<T extends { owner: Session }>(key: string, create: () => Promise<T>): Promise<T> {
    const value = await this.value(key, create);
    registerSecret(value.owner.token);
    return value;
  }

  /** The first worker to ask for `key` creates its value (holding a lock file); the others wait for it and read it. */
  private async value<T>(key: string, create: () => Promise<T>): Promise<T> {
    const file = join(this.dir, `${key}.json`);
    const lock = `${file}.lock`;
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
      let fd: number | undefined;
      try {
        fd = openSync(lock, 'wx', 0o600);
      } catch {
        // Another worker is creating it: poll for its file.
        if (Date.now() > deadline) throw new SuiteError(`another worker did not finish making the run's shared ${key} within ${this.waitMs / 1000} s`, 'see that worker\'s check for why it failed');
        await wait(100);
        continue;
      }
      try {
        const value = await create();
        // Written whole, then renamed: a reader never sees half a file.
        writeFileSync(`${file}.tmp`, JSON.stringify(value), { mode: 0o600 });
        renameSync(`${file}.tmp`, file);
        return value;
      } catch (error) {
        unlinkSync(lock);
        throw error;
      } finally {
        closeSync(fd);
      }
    }
  }
}
