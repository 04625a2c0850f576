import { describe, expect, it } from "vitest";
import { loggedBody } from "./request-log";

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
});
