// The read-only steps the baseline times for a system that does not speak the TripAvail contract: its load conversation's
// `baseline` requests (src/systems/<name>/load.ts), each insisting on its route's success status, with a user signed in on
// each stack where a step needs one (a pre-provisioned one, HOLDFAST_USERS_FILE, else a fresh synthetic user).
import type { ApiClient } from '../client/api-client.ts';
import type { Config } from '../config/load.ts';
import { daysFromToday } from '../flows/dates.ts';
import { syntheticUser } from '../flows/identity.ts';
import { describeLoad } from '../load/conversations.ts';
import type { LoadRequest } from '../load/conversation.ts';
import { createSystem } from '../systems/index.ts';
import { successOf } from '../systems/shared.ts';
import { readUsersFile } from '../systems/users.ts';
import { fill, fillString, type Vars } from '../../load/lib/plan.ts';

export type Step = (api: ApiClient) => Promise<unknown>;

/** Signs a user in on one stack, once, for the steps that need one. */
async function signedIn(config: Config, api: ApiClient): Promise<string> {
  const system = createSystem(config.profile);
  const ctx = { api, config };
  const provisioned = config.usersFile ? readUsersFile(config.usersFile).customer[0] : undefined;
  const session = provisioned && system.logIn ? await system.logIn(ctx, provisioned) : await system.signIn(ctx, syntheticUser(config.runId, config.emailDomain, 'baseline'));
  return session.token;
}

function step(config: Config, request: LoadRequest, vars: Vars, tokens: Map<string, Promise<string>>): Step {
  const route = request.route;
  if (typeof route === 'string') throw new Error(`baseline step ${request.step}: a contract route name in profile ${config.profile.name}'s baseline`);
  const name = `baseline.${request.step}`;
  return async (api) => {
    let token: string | undefined;
    if (request.as) {
      // One user per stack for the whole comparison (re-samples included): sign-ups are rate-limited on some systems.
      const stack = api.url('/');
      if (!tokens.has(stack)) tokens.set(stack, signedIn(config, api));
      token = await tokens.get(stack)!;
    }
    const params = Object.fromEntries(Object.entries(request.params ?? {}).map(([k, v]) => [k, String(fillString(v, vars))]));
    const query = fill(request.query ?? {}, vars) as Record<string, string>;
    const res = await api.callRoute(route, { params, query, token, step: name, validate: 'record' });
    if (res.status !== successOf(route)) throw new Error(`${name}: ${route.method} ${route.path} answered ${res.status}, not ${successOf(route)} (request id ${res.requestId})`);
    return res;
  };
}

/** The system's read-only journey, by step name (`baseline.<step>`). */
export function systemSteps(config: Config): Record<string, Step> {
  const described = describeLoad(config.profile)({ profile: config.profile, auth: config.auth });
  const fromDays = described.nights?.fromDays ?? 30;
  const vars: Vars = { stock: config.profile.stock.hotel, runId: config.runId, page: 1, night: daysFromToday(fromDays), nextNight: daysFromToday(fromDays + 1) };
  const tokens = new Map<string, Promise<string>>();
  return Object.fromEntries(described.baseline.map((r) => [`baseline.${r.step}`, step(config, r, vars, tokens)]));
}
