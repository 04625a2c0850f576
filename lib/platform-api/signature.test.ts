import { describe, expect, it } from "vitest";
import { computeRequestSignature, computeSignature } from "../chat/base/apps/app-signature";
import { ChatError } from "../chat/base/errors";
import { type SigningApp, verifySignedRequest } from "./signature";

const now = 1_700_000_000_000;
const app: SigningApp = { id: "app1", key: "key1", secret: "secret-1", previousSecret: null, previousSecretExpiresAt: null, tokenKey: "t", environment: "development" };

function headersFor(secret: string, overrides: Record<string, string> = {}) {
  const nonce = overrides.Nonce ?? "nonce1";
  const timestamp = overrides.Timestamp ?? String(now);
  return new Headers({ "App-Key": "key1", Nonce: nonce, Timestamp: timestamp, Signature: computeSignature(secret, nonce, timestamp), ...overrides });
}

const request = { method: "POST", path: "/v4/user/get", body: '{"userId":"amy"}' };

/** Version 2 headers signing `signed` (the request above unless changed). */
function version2HeadersFor(secret: string, signed = request, nonce = "nonce2") {
  const timestamp = String(now);
  return new Headers({ "App-Key": "key1", Nonce: nonce, Timestamp: timestamp, "Signature-Version": "2", Signature: computeRequestSignature(secret, { nonce, timestamp, ...signed }) });
}

/** Verifies `request` against one app and an in-memory nonce set, as a node with the memory bus does. */
function verifier(signingApp: SigningApp = app, options: { requireVersion2?: boolean } = {}) {
  const claimed = new Set<string>();
  return (headers: Headers, at = now) =>
    verifySignedRequest({
      headers,
      request,
      now: at,
      findApp: async (key) => (key === signingApp.key ? signingApp : null),
      claimNonce: async (_app, key) => !claimed.has(key) && Boolean(claimed.add(key)),
      requiresRequestSignature: async () => options.requireVersion2 ?? false,
    });
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatError);
  expect((error as ChatError).status).toBe(401);
  return (error as ChatError).message;
}

describe("verifySignedRequest", () => {
  it("returns the app of a correctly signed request", async () => {
    expect(await verifier()(headersFor("secret-1"))).toBe(app);
  });

  it("accepts timestamps up to 5 minutes away and refuses beyond", async () => {
    const verify = verifier();
    await expect(verify(headersFor("secret-1", { Nonce: "a" }), now + 5 * 60_000)).resolves.toBe(app);
    expect(await rejection(verify(headersFor("secret-1", { Nonce: "b" }), now + 5 * 60_000 + 1))).toMatch(/5 minutes/);
  });

  it("refuses a replayed nonce but not the same nonce of another app", async () => {
    const verify = verifier();
    await verify(headersFor("secret-1"));
    expect(await rejection(verify(headersFor("secret-1")))).toBe("Nonce was used already; use a new one for every request");
  });

  it("accepts the previous secret only until its grace period ends", async () => {
    const rotated = { ...app, secret: "secret-2", previousSecret: "secret-1", previousSecretExpiresAt: new Date(now + 1000) };
    await expect(verifier(rotated)(headersFor("secret-1"))).resolves.toBe(rotated);
    expect(await rejection(verifier(rotated)(headersFor("secret-1"), now + 1000))).toMatch(/does not match/);
  });

  it("takes a timestamp in seconds only where the older API allows it", async () => {
    const seconds = String(Math.floor(now / 1000));
    expect(await rejection(verifier()(headersFor("secret-1", { Timestamp: seconds })))).toMatch(/5 minutes/);
    const verify = (headers: Headers) =>
      verifySignedRequest({ headers, request, now, findApp: async () => app, claimNonce: async () => true, requiresRequestSignature: async () => false, acceptSecondsTimestamp: true });
    await expect(verify(headersFor("secret-1", { Timestamp: seconds }))).resolves.toBe(app);
  });

  it.each(["App-Key", "Nonce", "Timestamp", "Signature"])("refuses a request without %s", async (name) => {
    const headers = headersFor("secret-1");
    headers.delete(name);
    expect(await rejection(verifier()(headers))).toBe(`Missing header ${name}`);
  });

  describe("signature version 2", () => {
    it("accepts an HMAC-SHA256 over the request and its body", async () => {
      expect(await verifier()(version2HeadersFor("secret-1"))).toBe(app);
    });

    it.each([
      { change: "body", signed: { ...request, body: '{"userId":"bob"}' } },
      { change: "path", signed: { ...request, path: "/v4/user/ban" } },
      { change: "method", signed: { ...request, method: "PUT" } },
    ])("refuses a signature whose $change differs from the request's", async ({ signed }) => {
      expect(await rejection(verifier()(version2HeadersFor("secret-1", signed)))).toMatch(/^Signature does not match: expected hex HMAC-SHA256/);
    });

    it("refuses version 1 where the app requires version 2, and still accepts version 2 there", async () => {
      const verify = verifier(app, { requireVersion2: true });
      expect(await rejection(verify(headersFor("secret-1")))).toMatch(/accepts only Signature-Version: 2/);
      await expect(verify(version2HeadersFor("secret-1"))).resolves.toBe(app);
    });

    it("refuses an unknown version and a signature of the other version's length", async () => {
      const unknown = version2HeadersFor("secret-1");
      unknown.set("Signature-Version", "3");
      expect(await rejection(verifier()(unknown))).toMatch(/^Signature-Version must be 1/);
      const short = version2HeadersFor("secret-1");
      short.set("Signature", computeSignature("secret-1", "nonce2", String(now)));
      expect(await rejection(verifier()(short))).toBe("Signature must be 64 hexadecimal characters (HMAC-SHA256) with Signature-Version: 2");
    });
  });
});
