import { describe, expect, it } from "vitest";
import { latencyBound, percentile } from "./latency-histogram";

describe("latency percentiles", () => {
  it("are null without samples", () => {
    expect(percentile(new Map(), 0.5)).toBeNull();
  });

  it("interpolate within the bucket holding the rank", () => {
    // 100 samples: 50 within 1 ms, 40 within (1, 2], 10 within (10, 20].
    const counts = new Map([
      [1, 50],
      [2, 40],
      [20, 10],
    ]);
    expect(percentile(counts, 0.5)).toBe(1);
    expect(percentile(counts, 0.7)).toBe(1.5);
    expect(percentile(counts, 0.95)).toBe(15);
    expect(percentile(counts, 1)).toBe(20);
  });

  it("give the last bucket's lower bound for the slowest sends", () => {
    expect(percentile(new Map([[Infinity, 3]]), 0.99)).toBe(5000);
  });

  it("read bucket bounds back from their count names", () => {
    expect(latencyBound("messageLatency.le.20")).toBe(20);
    expect(latencyBound("messageLatency.le.inf")).toBe(Infinity);
    expect(latencyBound("messages.1")).toBeUndefined();
  });
});
