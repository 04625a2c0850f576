import { createHash, randomBytes } from "node:crypto";

/**
 * Signs a callback to an app's server as the service we are compatible with does: query
 * parameters appKey, nonce, signTimestamp and timestamp (the same Unix ms) and signature,
 * the hex SHA1 of App Secret + nonce + signTimestamp. Receivers written for it verify ours unchanged.
 */
export function signCallbackUrl(url: string, app: { key: string; secret: string }, now = Date.now()): string {
  const nonce = randomBytes(9).toString("base64url");
  const timestamp = String(now);
  const signed = new URL(url);
  signed.searchParams.set("appKey", app.key);
  signed.searchParams.set("nonce", nonce);
  signed.searchParams.set("signTimestamp", timestamp);
  signed.searchParams.set("timestamp", timestamp);
  signed.searchParams.set("signature", createHash("sha1").update(app.secret + nonce + timestamp).digest("hex"));
  return signed.toString();
}
