import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Marks a stored value sealed with AES-256-GCM: `sealed:v1:<iv>.<tag>.<ciphertext>`, base64url parts. */
const sealedPrefix = "sealed:v1:";

export type SecretSealer = {
  /** The value as stored: sealed with the current key when the installation has one, as given without. */
  seal(value: string): string;
  /** The value a stored one holds: sealed with the current or the previous key, or not sealed (rows written before a key was set). */
  open(stored: string): string;
  /** Whether `stored` is sealed with the current key (a key rotation leaves nothing else). */
  sealedWithCurrentKey(stored: string): boolean;
};

export const isSealedSecret = (stored: string) => stored.startsWith(sealedPrefix);

/**
 * Seals and opens secrets at rest with `keyHex` (32 bytes as hex); without a key, values pass
 * through. During a key rotation `previousKeyHex` still opens what it sealed.
 */
export function createSecretSealer(keyHex: string | undefined, previousKeyHex?: string): SecretSealer {
  const key = keyHex ? Buffer.from(keyHex, "hex") : null;
  const previousKey = previousKeyHex ? Buffer.from(previousKeyHex, "hex") : null;
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
      const opened = openWith(key, stored) ?? (previousKey && openWith(previousKey, stored));
      if (opened === null || opened === undefined) throw new Error("An app secret does not open with SWITCHBOARD_ENCRYPTION_KEY: the key is not the one it was sealed with");
      return opened;
    },
    sealedWithCurrentKey: (stored) => key !== null && isSealedSecret(stored) && openWith(key, stored) !== null,
  };
}

/** The value sealed in `stored`, or null when `key` is not the one that sealed it. */
function openWith(key: Buffer, stored: string): string | null {
  const [iv, tag, ciphertext] = stored.slice(sealedPrefix.length).split(".").map((part) => Buffer.from(part, "base64url"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
