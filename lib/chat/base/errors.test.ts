import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ChatError, checkInputDepth, maxInputDepth, parseInput, parseJsonInput } from "./errors";

/** `depth` arrays inside each other, as JSON text. */
const nestedText = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof ChatError ? { code: error.code, message: error.message } : error;
  }
  return null;
};

describe("input depth", () => {
  it("takes objects and arrays nested to the limit and refuses one level more with 1002 naming it", () => {
    expect(refusal(() => parseJsonInput(nestedText(maxInputDepth), "The body", () => new Error("not JSON")))).toBeNull();
    expect(refusal(() => parseJsonInput(nestedText(maxInputDepth + 1), "The body", () => new Error("not JSON")))).toEqual({
      code: 1002,
      message: `The body nests objects and arrays more than ${maxInputDepth} levels deep`,
    });
  });

  it("refuses 200,000 levels (400 KB) without overflowing the stack, whatever the containers", () => {
    const depth = 200_000;
    const objects = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    for (const text of [nestedText(depth), objects]) {
      expect(refusal(() => parseJsonInput(text, "content", () => new Error("not JSON")))).toMatchObject({ code: 1002 });
    }
  });

  it("counts the deepest branch, not the number of containers", () => {
    const wide = { list: Array.from({ length: 10_000 }, () => [{ a: [1] }]) };
    expect(refusal(() => checkInputDepth(wide))).toBeNull();
  });

  it("answers text that is not JSON with the caller's error", () => {
    expect(refusal(() => parseJsonInput("[[", "The body", () => new ChatError("invalidBody", "The body is not valid JSON")))).toEqual({
      code: 1003,
      message: "The body is not valid JSON",
    });
  });

  it("holds parsed input (RPC data) to the same limit before the schema or the NUL check walks it", () => {
    let deep: unknown = "x";
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(refusal(() => parseInput(z.object({ content: z.unknown() }), { content: deep }))).toMatchObject({ code: 1002 });
  });
});
