import { computeRequestSignature, computeSignature, matchesAny, type SignedRequest, verifyingSecrets } from "../chat/base/apps/app-signature";
import { ChatError } from "../chat/base/errors";

/** Requests whose Timestamp is further than this from the server's clock are refused. */
export const signatureWindowMs = 5 * 60 * 1000;
export const maxNonceLength = 18;

export type SigningApp = {
  id: string;
  key: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  tokenKey: string;
  environment: string;
};

/** What the signature check reads of a request's headers (a Web `Headers` is one). */
export type HeaderReader = { get(name: string): string | null };

const rejected = (message: string) => new ChatError("signatureRejected", message);

function requiredHeader(headers: HeaderReader, name: string): string {
  const value = headers.get(name);
  if (value === null || value === "") throw rejected(`Missing header ${name}`);
  return value;
}

/** The two signature schemes, chosen by the Signature-Version header (1 without it). */
const schemes = {
  "1": {
    format: /^[0-9a-fA-F]{40}$/,
    formatError: "Signature must be 40 hexadecimal characters (SHA1)",
    mismatch: "Signature does not match: expected hex SHA1 of AppSecret + Nonce + Timestamp",
    expected: (secret: string, request: SignedRequest) => computeSignature(secret, request.nonce, request.timestamp),
  },
  "2": {
    format: /^[0-9a-fA-F]{64}$/,
    formatError: "Signature must be 64 hexadecimal characters (HMAC-SHA256) with Signature-Version: 2",
    mismatch:
      "Signature does not match: expected hex HMAC-SHA256, keyed with the App Secret, of Timestamp, Nonce, method, path and the hex SHA-256 of the body, joined by newlines",
    expected: computeRequestSignature,
  },
} as const;

/**
 * Checks the App-Key / Nonce / Timestamp / Signature (/ Signature-Version) headers of a
 * Platform API request and returns the app that signed it. The nonce is claimed only once
 * the signature is valid, so unsigned requests cannot burn an app's nonces.
 */
export async function verifySignedRequest(input: {
  headers: HeaderReader;
  /** What version 2 signs besides the headers. */
  request: { method: string; path: string; body: string };
  now: number;
  findApp: (appKey: string) => Promise<SigningApp | null>;
  /** False when the nonce was used already; the caller decides per app whether reuse is refused. */
  claimNonce: (app: SigningApp, key: string, ttlMs: number) => Promise<boolean>;
  /** True when the app accepts only signatures that cover the request (version 2). */
  requiresRequestSignature: (app: SigningApp) => Promise<boolean>;
  /** The older API's clients send Unix seconds. */
  acceptSecondsTimestamp?: boolean;
}): Promise<SigningApp> {
  const appKey = requiredHeader(input.headers, "App-Key");
  const nonce = requiredHeader(input.headers, "Nonce");
  const timestamp = requiredHeader(input.headers, "Timestamp");
  const signature = requiredHeader(input.headers, "Signature");
  const version = input.headers.get("Signature-Version") ?? "1";
  if (version !== "1" && version !== "2") throw rejected("Signature-Version must be 1 (SHA1 of secret, nonce and timestamp) or 2 (HMAC-SHA256 over the request)");
  const scheme = schemes[version];
  if (nonce.length > maxNonceLength) throw rejected(`Nonce must be at most ${maxNonceLength} characters`);
  if (!/^\d{1,15}$/.test(timestamp)) throw rejected("Timestamp must be Unix time in milliseconds");
  // Ten digits or fewer is seconds until the year 2286.
  const timestampMs = input.acceptSecondsTimestamp && timestamp.length <= 10 ? Number(timestamp) * 1000 : Number(timestamp);
  if (Math.abs(input.now - timestampMs) > signatureWindowMs) {
    throw rejected("Timestamp is more than 5 minutes away from the server's time");
  }
  if (!scheme.format.test(signature)) throw rejected(scheme.formatError);
  const app = await input.findApp(appKey);
  if (!app) throw rejected("Unknown App-Key");
  const signed: SignedRequest = { nonce, timestamp, ...input.request };
  if (!matchesAny(signature, verifyingSecrets(app, input.now), (secret) => scheme.expected(secret, signed))) throw rejected(scheme.mismatch);
  if (version === "1" && (await input.requiresRequestSignature(app))) {
    throw rejected("This app accepts only Signature-Version: 2 (HMAC-SHA256 over the request and its body); see README, Platform API signatures");
  }
  // A nonce stays claimed for the whole span of timestamps that would be accepted with it.
  if (!(await input.claimNonce(app, `nonce:${app.id}:${nonce}`, 2 * signatureWindowMs))) {
    throw rejected("Nonce was used already; use a new one for every request");
  }
  return app;
}
