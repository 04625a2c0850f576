import { countUsage, type UsageName } from "./usage-counts";

/** Upper bounds (ms) of the message send latency buckets; the last one takes the rest. */
export const latencyBoundsMs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, Infinity] as const;

const bucketName = (bound: number): UsageName => `messageLatency.le.${bound === Infinity ? "inf" : bound}`;

/** Counts one send's latency, from the server receiving it to the message stored and published. */
export function recordMessageLatency(appId: string, latencyMs: number): void {
  countUsage(appId, bucketName(latencyBoundsMs.find((bound) => latencyMs <= bound)!));
}

/** The bucket's upper bound of a histogram count's name, or undefined for other names. */
export function latencyBound(name: string): number | undefined {
  if (!name.startsWith("messageLatency.le.")) return undefined;
  const bound = name.slice("messageLatency.le.".length);
  return bound === "inf" ? Infinity : Number(bound);
}

/**
 * The `p`-th percentile (0 to 1) of the counts per bucket bound, interpolated within its
 * bucket; null without samples. In the last bucket it is that bucket's lower bound.
 */
export function percentile(countsByBound: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...countsByBound.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = p * total;
  let below = 0;
  let lower = 0;
  for (const bound of latencyBoundsMs) {
    const count = countsByBound.get(bound) ?? 0;
    if (count > 0 && below + count >= rank) return bound === Infinity ? lower : lower + ((bound - lower) * (rank - below)) / count;
    below += count;
    lower = bound;
  }
  return lower;
}
