import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, signCallbackUrl } from "./app-signature";

describe("computeSignature", () => {
  it("is the hex SHA1 of secret, nonce and timestamp concatenated", () => {
    expect(computeSignature("s3cret", "14314", "1408710653000")).toBe(createHash("sha1").update("s3cret143141408710653000").digest("hex"));
  });
});

describe("signCallbackUrl", () => {
  it("adds appKey, nonce, both timestamps and the signature, keeping the receiver's own parameters", () => {
    const url = new URL(signCallbackUrl("https://example.com/hook?tenant=7", { key: "key1", secret: "s3cret" }, 1408710653000));
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({ tenant: "7", appKey: "key1", signTimestamp: "1408710653000", timestamp: "1408710653000" });
    expect(query.signature).toBe(computeSignature("s3cret", query.nonce!, "1408710653000"));
  });

  it("uses a new nonce for every request", () => {
    const nonces = Array.from({ length: 100 }, () => new URL(signCallbackUrl("https://example.com/", { key: "k", secret: "s" })).searchParams.get("nonce"));
    expect(new Set(nonces).size).toBe(100);
  });
});
