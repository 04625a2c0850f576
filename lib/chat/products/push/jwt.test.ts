import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signJwt } from "./jwt";

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;

describe("signJwt", () => {
  it.each([
    ["RS256", generateKeyPairSync("rsa", { modulusLength: 2048 })],
    ["ES256", generateKeyPairSync("ec", { namedCurve: "prime256v1" })],
  ] as const)("signs %s tokens a verifier with the public key accepts", (algorithm, keys) => {
    const token = signJwt({ algorithm, keyId: "k1", claims: { iss: "team" }, privateKey: keys.privateKey.export({ type: "pkcs8", format: "pem" }) as string });
    const [header, claims, signature] = token.split(".") as [string, string, string];
    expect(decode(header)).toEqual({ alg: algorithm, typ: "JWT", kid: "k1" });
    expect(decode(claims)).toEqual({ iss: "team" });
    const options = { key: keys.publicKey, ...(algorithm === "ES256" && { dsaEncoding: "ieee-p1363" as const }) };
    expect(verify("sha256", Buffer.from(`${header}.${claims}`), options, Buffer.from(signature, "base64url"))).toBe(true);
    // ES256 signatures are raw r||s: 64 bytes.
    if (algorithm === "ES256") expect(Buffer.from(signature, "base64url")).toHaveLength(64);
  });
});
