import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Marks a stored value sealed with AES-256-GCM: `sealed:v1:<iv>.<tag>.<ciphertext>`, base64url parts. */
const sealedPrefix = "sealed:v1:";

export type SecretSealer = {
  /** The value as stored: sealed when the installation has a key, as given without one. */
  seal(value: string): string;
  /** The value a stored one holds, sealed or not (rows written before a key was set). */
  open(stored: string): string;
};

export const isSealedSecret = (stored: string) => stored.startsWith(sealedPrefix);

/** Seals and opens app secrets at rest with `keyHex` (32 bytes as hex); without a key, values pass through. */
export function createSecretSealer(keyHex: string | undefined): SecretSealer {
  const key = keyHex ? Buffer.from(keyHex, "hex") : null;
  return {
    seal(value) {
      if (!key || isSealedSecret(value)) return value;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
      return sealedPrefix + [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")).join(".");
    },
    open(stored) {
      if (!isSealedSecret(stored)) return stored;
      if (!key) throw new Error("The database holds app secrets sealed with SWITCHBOARD_ENCRYPTION_KEY: start Switchboard with that key");
      const [iv, tag, ciphertext] = stored.slice(sealedPrefix.length).split(".").map((part) => Buffer.from(part, "base64url"));
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv!);
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8");
      } catch {
        throw new Error("An app secret does not open with SWITCHBOARD_ENCRYPTION_KEY: the key is not the one it was sealed with");
      }
    },
  };
}
