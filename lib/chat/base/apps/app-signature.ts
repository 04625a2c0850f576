import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The secrets that verify now: the current one, and the previous one during a rotation's grace period. */
export function verifyingSecrets(app: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now: number): string[] {
  const previousValid = app.previousSecret && app.previousSecretExpiresAt && app.previousSecretExpiresAt.getTime() > now;
  return previousValid ? [app.secret, app.previousSecret!] : [app.secret];
}

/** Whether the hex `signature` is what `expectedFor` gives for one of `secrets`. */
export function matchesAny(signature: string, secrets: string[], expectedFor: (secret: string) => string): boolean {
  const given = Buffer.from(signature.toLowerCase(), "hex");
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(expectedFor(secret), "hex");
    // Every candidate is compared, in constant time, whatever the earlier ones gave.
    matched = (given.length === expected.length && timingSafeEqual(given, expected)) || matched;
  }
  return matched;
}

/** Hex SHA1 of AppSecret + Nonce + Timestamp, the compatible signature scheme, both ways: requests to us and our callbacks. */
export function computeSignature(secret: string, nonce: string, timestamp: string): string {
  return createHash("sha1").update(secret + nonce + timestamp).digest("hex");
}

/** What signature version 2 covers: unlike version 1, the request itself and its body. */
export type SignedRequest = { nonce: string; timestamp: string; method: string; path: string; body: string };

/**
 * Signature version 2 (`Signature-Version: 2`): hex HMAC-SHA256, keyed with the App
 * Secret, of Timestamp, Nonce, the method, the path and the hex SHA-256 of the body,
 * joined by newlines.
 */
export function computeRequestSignature(secret: string, request: SignedRequest): string {
  const bodyHash = createHash("sha256").update(request.body).digest("hex");
  return createHmac("sha256", secret).update([request.timestamp, request.nonce, request.method.toUpperCase(), request.path, bodyHash].join("\n")).digest("hex");
}

/**
 * `url` with the query parameters the compatible service signs its callbacks with, so a
 * receiver written for it verifies ours unchanged: `appKey`, `nonce`, `signTimestamp` and
 * `timestamp` (the same Unix ms), `signature` over the current secret. A new nonce per request.
 */
export function signCallbackUrl(url: string, app: { key: string; secret: string }, now = Date.now()): string {
  const signed = new URL(url);
  const nonce = randomBytes(9).toString("base64url");
  const timestamp = String(now);
  signed.searchParams.set("appKey", app.key);
  signed.searchParams.set("nonce", nonce);
  signed.searchParams.set("signTimestamp", timestamp);
  signed.searchParams.set("timestamp", timestamp);
  signed.searchParams.set("signature", computeSignature(app.secret, nonce, timestamp));
  return signed.toString();
}
