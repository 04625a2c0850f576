import { describe, expect, it } from "vitest";
import { coalesceReads } from "./coalesce-reads";

/** A readMany over a table of `${group}/${key}` → value, recording each call. */
function recordingReader(table: Record<string, number>) {
  const calls: { group: string; keys: string[] }[] = [];
  const readMany = async (group: string, keys: string[]) => {
    calls.push({ group, keys });
    return new Map(keys.filter((key) => `${group}/${key}` in table).map((key) => [key, table[`${group}/${key}`]!]));
  };
  return { calls, readMany };
}

describe("coalesceReads", () => {
  it("answers the reads of one turn with one read per group, each key asked once", async () => {
    const { calls, readMany } = recordingReader({ "a/u1": 1, "a/u2": 2, "b/u1": 3 });
    const read = coalesceReads(readMany);
    const values = await Promise.all([read("a", "u1"), read("a", "u2"), read("b", "u1"), read("a", "u1"), read("a", "missing")]);
    expect(values).toEqual([1, 2, 3, 1, undefined]);
    expect(calls).toEqual([
      { group: "a", keys: ["u1", "u2", "missing"] },
      { group: "b", keys: ["u1"] },
    ]);
  });

  it("reads at most 500 keys at a time", async () => {
    const { calls, readMany } = recordingReader({});
    const read = coalesceReads(readMany);
    await Promise.all(Array.from({ length: 1201 }, (_, index) => read("a", `u${index}`)));
    expect(calls.map((call) => call.keys.length)).toEqual([500, 500, 201]);
  });

  it("reads again in a later turn, and hands a failed read's error to each of its waiters", async () => {
    let fail = true;
    const read = coalesceReads(async (_group, keys) => {
      if (fail) throw new Error("database away");
      return new Map(keys.map((key) => [key, key.length]));
    });
    const failed = await Promise.allSettled([read("a", "u1"), read("a", "u22")]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await read("a", "u22")).toBe(3);
  });
});
