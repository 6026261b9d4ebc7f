// What Holdfast may be told: every environment variable, validated once; secrets have no defaults.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. http://127.0.0.1:4100' })
  .transform((u) => u.replace(/\/+$/, ''));

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' });

const positiveInt = (what: string) =>
  z.coerce.number({ error: `expected ${what}` }).int({ error: `expected ${what}` }).positive({ error: `expected ${what}` });

const fraction = z.coerce
  .number({ error: 'expected a fraction between 0 and 1, e.g. 0.001' })
  .min(0, { error: 'expected a fraction between 0 and 1, e.g. 0.001' })
  .max(1, { error: 'expected a fraction between 0 and 1, e.g. 0.001' });

const tableKeys = ['booking', 'inventoryNight', 'hotelPackage', 'payment', 'ledgerEntry', 'room', 'tourPackage', 'tourDeparture'] as const;
const tableMappingError = `expected JSON naming tables, e.g. {"booking":"\\"Booking\\""} (keys: ${tableKeys.join(', ')})`;
/** Overrides the profile's table names for the database checks, as JSON. */
const tableMapping = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: tableMappingError });
      return z.NEVER;
    }
  })
  .pipe(z.strictObject(Object.fromEntries(tableKeys.map((k) => [k, z.string().min(1).optional()])) as Record<(typeof tableKeys)[number], z.ZodOptional<z.ZodString>>, { error: tableMappingError }));

export const Environment = z.enum(['production', 'staging', 'sandbox'], {
  error: 'expected production, staging or sandbox',
});
export type Environment = z.infer<typeof Environment>;

export const AuthStyle = z.enum(['password', 'otp', 'token'], { error: 'expected password, otp or token' });
export type AuthStyle = z.infer<typeof AuthStyle>;

/** The raw environment, variable by variable; names are the documented ones. */
export const EnvSchema = z
  .object({
    HOLDFAST_BASE_URL: httpUrl,
    HOLDFAST_WEB_URL: httpUrl.optional(),
    HOLDFAST_PROFILE: z.string().min(1).default('tripavail'),
    HOLDFAST_AUTH: AuthStyle.optional(),
    HOLDFAST_TOKEN: z.string().min(1).optional(),
    /** An operator's or provider's token for cleanup: the provider-side cancel where the guest route refuses (secret). */
    HOLDFAST_CLEANUP_TOKEN: z.string().min(1).optional(),
    HOLDFAST_EMAIL_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { error: 'expected a mail domain, e.g. example.test' })
      .default('example.test'),
    HOLDFAST_DATABASE_URL: postgresUrl.optional(),
    HOLDFAST_ENVIRONMENT: Environment.default('production'),
    HOLDFAST_ALLOW_DESTRUCTIVE: bool.default(false),
    HOLDFAST_RUN_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'expected 1-40 letters, digits, - or _' })
      .optional(),
    HOLDFAST_REPORTS_DIR: z.string().min(1).default('reports'),
    HOLDFAST_REQUEST_TIMEOUT_MS: positiveInt('a timeout in milliseconds, e.g. 10000').default(10_000),
    // SLOs default to the profile's (its runbook's); these override them.
    HOLDFAST_SLO_P95_MS: positiveInt('milliseconds, e.g. 200').optional(),
    HOLDFAST_SLO_P99_MS: positiveInt('milliseconds, e.g. 400').optional(),
    HOLDFAST_SLO_ERROR_RATE: fraction.optional(),
    HOLDFAST_HOLD_TTL_SECONDS: positiveInt('seconds').optional(),
    HOLDFAST_SWEEP_INTERVAL_MS: positiveInt('milliseconds').optional(),
    HOLDFAST_EXPIRY_GRACE_MS: positiveInt('milliseconds').default(1_000),
    HOLDFAST_PAYMENT_METHOD: z.string().min(1).default('pm_card_visa'),
    HOLDFAST_RACE_CONCURRENCY: positiveInt('a number of concurrent requests, e.g. 24').default(24),
    HOLDFAST_RACE_ROUNDS: positiveInt('a number of rounds, e.g. 3').default(3),
    HOLDFAST_RACE_BUDGET_MS: positiveInt('milliseconds, e.g. 3000').default(3_000),
    HOLDFAST_BASELINE_URL: httpUrl.optional(),
    HOLDFAST_REGRESSION_PCT: positiveInt('a percentage, e.g. 20').default(20),
    HOLDFAST_TABLES: tableMapping.optional(),
    /** Pre-provisioned users: a JSON file {"customer": [{email, password}], "counterpart": [...]}; its values are secrets. */
    HOLDFAST_USERS_FILE: z.string().min(1).optional(),
    /** The name of a published package operators reserved for the overbooking race, where the profile names none. */
    HOLDFAST_RACE_STOCK: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.HOLDFAST_AUTH === 'token' && !env.HOLDFAST_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['HOLDFAST_TOKEN'], message: 'required when HOLDFAST_AUTH=token' });
    }
    if (env.HOLDFAST_SLO_P99_MS !== undefined && env.HOLDFAST_SLO_P95_MS !== undefined && env.HOLDFAST_SLO_P99_MS < env.HOLDFAST_SLO_P95_MS) {
      ctx.addIssue({ code: 'custom', path: ['HOLDFAST_SLO_P99_MS'], message: 'must not be below HOLDFAST_SLO_P95_MS' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Names of the variables that hold secrets: never printed, never written to a report. */
export const secretVariables = ['HOLDFAST_TOKEN', 'HOLDFAST_DATABASE_URL', 'HOLDFAST_CLEANUP_TOKEN'] as const;

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `hf-${stamp}-${randomBytes(3).toString('hex')}`;
}
