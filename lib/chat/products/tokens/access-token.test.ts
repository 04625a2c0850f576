import { describe, expect, it } from "vitest";
import { hasValidMac, readAccessToken, signAccessToken } from "./access-token";

const claims = { appKey: "app1", userId: "alice", issuedAt: 1_700_000_000_000 };

describe("access tokens", () => {
  it("carry the app, user and issue time and verify under their app's key", () => {
    const token = signAccessToken(claims, "key-1");
    expect(readAccessToken(token)).toEqual(claims);
    expect(hasValidMac(token, "key-1")).toBe(true);
  });

  it("are different each time they are issued", () => {
    expect(signAccessToken(claims, "key-1")).not.toBe(signAccessToken(claims, "key-1"));
  });

  it("do not verify under another key, when truncated, or with an edited payload", () => {
    const token = signAccessToken(claims, "key-1");
    expect(hasValidMac(token, "key-2")).toBe(false);
    expect(hasValidMac(token.slice(0, -2), "key-1")).toBe(false);
    const [payload, mac] = token.split(".");
    const edited = Buffer.from(Buffer.from(payload!, "base64url").toString().replace("alice", "mallory")).toString("base64url");
    expect(hasValidMac(`${edited}.${mac}`, "key-1")).toBe(false);
  });

  it.each(["", "abc", "a.b.c", "e30.x", `${Buffer.from('{"v":2}').toString("base64url")}.x`])("reads %j as malformed", (token) => {
    expect(readAccessToken(token)).toBeNull();
  });
});
