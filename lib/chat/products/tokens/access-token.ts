import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Access tokens are `<payload>.<mac>`: base64url JSON naming the app, the user and the
 * issue time, and an HMAC-SHA256 of it under the app's token key. A node verifies one
 * with the key alone; clients treat the whole string as opaque.
 */
const payloadSchema = z.object({
  v: z.literal(1),
  a: z.string(),
  u: z.string(),
  t: z.number().int(),
  n: z.string(),
});

export type AccessTokenClaims = { appKey: string; userId: string; issuedAt: number };

const mac = (tokenKey: string, payload: string) => createHmac("sha256", tokenKey).update(payload).digest();

export function signAccessToken(claims: AccessTokenClaims, tokenKey: string): string {
  const payload = Buffer.from(
    JSON.stringify({ v: 1, a: claims.appKey, u: claims.userId, t: claims.issuedAt, n: randomBytes(6).toString("base64url") }),
  ).toString("base64url");
  return `${payload}.${mac(tokenKey, payload).toString("base64url")}`;
}

/** The claims of a well-formed token, before its MAC is checked; null when malformed. */
export function readAccessToken(token: string): AccessTokenClaims | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || token.length > 1024) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? { appKey: parsed.data.a, userId: parsed.data.u, issuedAt: parsed.data.t } : null;
  } catch {
    return null;
  }
}

/** Constant-time check of the token's MAC under the app's key. */
export function hasValidMac(token: string, tokenKey: string): boolean {
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return false;
  const expected = mac(tokenKey, payload);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
