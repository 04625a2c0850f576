import { randomBytes } from "node:crypto";

const keyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A 14-character lowercase App Key: short enough to type, 72 bits of randomness. */
export function generateAppKey(): string {
  const bytes = randomBytes(14);
  return Array.from(bytes, (byte) => keyAlphabet[byte % keyAlphabet.length]).join("");
}

/** App Secrets and token keys: 32 random bytes, base64url. */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}
