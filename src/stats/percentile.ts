// What the p50/p95/p99 of a set of durations is (nearest-rank, the way k6 and Prometheus readers expect).
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(name: string, values: readonly number[]) {
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name,
    count: values.length,
    p50Ms: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    p99Ms: round(percentile(values, 99)),
  };
}
