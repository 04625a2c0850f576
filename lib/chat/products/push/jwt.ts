import { createPrivateKey, sign } from "node:crypto";

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * A signed JSON Web Token, as the push services take for authentication: RS256 for
 * Google's OAuth token exchange (FCM), ES256 for APNs provider tokens.
 */
export function signJwt(input: { algorithm: "RS256" | "ES256"; keyId?: string; claims: Record<string, unknown>; privateKey: string }): string {
  const header = { alg: input.algorithm, typ: "JWT", ...(input.keyId && { kid: input.keyId }) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(input.claims))}`;
  // JWS wants ECDSA signatures as raw r||s, not DER.
  const signature = sign("sha256", Buffer.from(signingInput), { key: createPrivateKey(input.privateKey), ...(input.algorithm === "ES256" && { dsaEncoding: "ieee-p1363" as const }) });
  return `${signingInput}.${base64url(signature)}`;
}
