import { describe, expect, it } from "vitest";
import { takePage } from "./page-size";

const rows = (sizes: number[]) => sizes.map((size, index) => ({ id: index, content: "x".repeat(size) }));

describe("takePage", () => {
  it("takes up to the limit of small messages", () => {
    expect(takePage(rows([10, 10, 10]), 2).map((row) => row.id)).toEqual([0, 1]);
  });

  it("stops before the content passes 1 MB, but always takes one", () => {
    expect(takePage(rows([600_000, 600_000, 10]), 10).map((row) => row.id)).toEqual([0]);
    expect(takePage(rows([2_000_000, 10]), 10).map((row) => row.id)).toEqual([0]);
    expect(takePage(rows([500_000, 500_000, 100_000]), 10).map((row) => row.id)).toEqual([0, 1]);
  });
});
