// The hold TTL and expiry sweep the gate selftests' sandboxes run with, as the demo's do: waiting a hold out costs about
// a second, and a journey still pays long before its hold expires on a loaded two-core machine (20/20 demos, two at a time).
export const SHORT_EXPIRY = { holdTtlSeconds: 1, sweepIntervalMs: 100 } as const;

/** The same settings, told to the gate. */
export const SHORT_EXPIRY_ENV = { HOLDFAST_HOLD_TTL_SECONDS: String(SHORT_EXPIRY.holdTtlSeconds), HOLDFAST_SWEEP_INTERVAL_MS: String(SHORT_EXPIRY.sweepIntervalMs) };
