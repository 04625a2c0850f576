import { describe, expect, it } from "vitest";
import { loggedBody, timeOrderedId } from "./request-log";

describe("loggedBody", () => {
  it("redacts secrets and tokens at any depth", () => {
    expect(JSON.parse(loggedBody({ userId: "a", result: { accessToken: "t0k", users: [{ password: "p", name: "n" }] }, appSecret: "s" }))).toEqual({
      userId: "a",
      result: { accessToken: "[redacted]", users: [{ password: "[redacted]", name: "n" }] },
      appSecret: "[redacted]",
    });
  });

  it("cuts long bodies, and keeps nothing for no body", () => {
    const text = loggedBody({ content: "x".repeat(10_000) });
    expect(text).toHaveLength(4097);
    expect(text.endsWith("…")).toBe(true);
    expect(loggedBody(undefined)).toBe("");
  });

  it("cuts before a character that would be split in half", () => {
    // '{"content":"' is 12 characters: the emoji's two halves fall on the 4096th and 4097th.
    const text = loggedBody({ content: `${"x".repeat(4083)}😀tail` });
    expect(text).toBe(`{"content":"${"x".repeat(4083)}…`);
  });
});

describe("timeOrderedId", () => {
  it("is a version 7 UUID that starts with the call's time in milliseconds", () => {
    const id = timeOrderedId(new Date(0x0193_a1b2_c3d4));
    expect(id).toMatch(/^0193a1b2-c3d4-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toHaveLength(36);
  });

  it("orders ids as they were made: by time, then a counter within a millisecond", () => {
    const times = [1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_001, 1_800_000_001_000, 1_900_000_000_000];
    const ids = times.map((time) => timeOrderedId(new Date(time)));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.slice(0, 3).map((id) => id.slice(14, 18))).toEqual(["7000", "7001", "7002"]);
  });

  it("stays ordered when the clock steps back", () => {
    const later = timeOrderedId(new Date(2_000_000_000_000));
    expect(timeOrderedId(new Date(1_990_000_000_000)) > later).toBe(true);
  });
});
