// What the service-level objectives are: the one source for the specs' latency checks and the k6 thresholds.
import { z } from 'zod';

export const SloSchema = z.object({
  /** p95 of request duration, milliseconds. */
  p95Ms: z.number().positive().default(200),
  /** p99 of request duration, milliseconds. */
  p99Ms: z.number().positive().default(400),
  /** Share of requests answered 5xx or failed at the transport, 0..1. */
  errorRate: z.number().min(0).max(1).default(0.001),
});
export type Slo = z.infer<typeof SloSchema>;
export const defaultSlo: Slo = SloSchema.parse({});
