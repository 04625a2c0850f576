import type { z } from "zod";
import type { ErrorKind } from "../chat/base/errors";
import type { SigningApp } from "./signature";

/**
 * One Platform API endpoint, declared once: the route handler (serve), the OpenAPI
 * document and the tests all read this.
 */
export type Endpoint<Request extends z.ZodType = z.ZodType, Result extends z.ZodType | null = z.ZodType | null> = {
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /**
   * v4: JSON bodies, `{"code": 0, "result": {...}}`, millisecond timestamps, nonces used once.
   * compatibility (the older API): form bodies with repeated keys for lists, `{"code": 200, ...}`,
   * timestamps in seconds accepted, nonce reuse refused only when the app asks for it.
   */
  api: "v4" | "compatibility";
  /**
   * Switchboard's own v4 endpoint, beyond the compatible service's contract (kinds of
   * conversation and features it does not have): same style, marked so in the OpenAPI
   * document (`x-switchboard-extension`), and never a path the contract uses.
   */
  extension?: true;
  request: Request;
  /** The `result` object of a success; null for endpoints that answer `{"code": 0}` only. */
  result: Result;
  /** How often an app may call it, as the contract states; beyond it the answer is 429 (1008). */
  rateLimit: RateLimit<z.infer<Request>>;
  /** Errors this endpoint can answer besides the ones every endpoint can (signature, body). */
  errors: ErrorKind[];
  /** `origin`: where the caller reached this server (behind a proxy, as forwarded), for links in answers. */
  handle: (context: { app: SigningApp; input: z.infer<Request>; origin: string }) => Promise<Result extends z.ZodType ? z.infer<Result> : void>;
};

/**
 * What a file's v4 declarations share: its tag and its usual rate limit. A declaration
 * spreads it first and states only what differs: `defineEndpoint({ ...v4, path, ... })`.
 */
export function v4Endpoint(shared: { tag: string; rateLimit: RateWindows }) {
  return { api: "v4" as const, ...shared };
}

/**
 * An endpoint's limit per app: a call is taken only when every window has room for it.
 * Windows are fixed (a minute starts at :00, a day at 00:00 UTC) and counted on every node.
 */
export type RateLimit<Input> = RateWindows & {
  /** What one call counts for when not 1, e.g. its recipients; `unit` names them in the error message. */
  counts?: { unit: string; of: (input: Input) => number };
};

/** A limit counting calls. */
export type RateWindows = {
  windows: readonly { limit: number; per: RatePeriod }[];
  /** Endpoints drawing on one budget (the contract's "shared") give it one name; by default each path has its own. */
  sharedAs?: string;
};

export type RatePeriod = "second" | "minute" | "hour" | "day";

/** e.g. "6000 recipients/minute" or "2 calls/hour, 3 calls/day (shared: broadcast)": the OpenAPI document and the debugger say it so. */
export function describeRateLimit(rateLimit: RateLimit<never>): string {
  const windows = rateLimit.windows.map((window) => `${window.limit} ${rateLimit.counts?.unit ?? "calls"}/${window.per}`).join(", ");
  return rateLimit.sharedAs ? `${windows} (shared: ${rateLimit.sharedAs})` : windows;
}

export const perSecond = (limit: number): RateWindows => ({ windows: [{ limit, per: "second" }] });

/** What every declaration of the older API shares. */
export const compatibilityEndpoint = { api: "compatibility" as const, tag: "Compatibility" };

export function defineEndpoint<Request extends z.ZodType, Result extends z.ZodType | null>(
  endpoint: Endpoint<Request, Result>,
): Endpoint<Request, Result> {
  return endpoint;
}

/** Errors every endpoint can answer. */
export const commonErrors: ErrorKind[] = ["signatureRejected", "invalidBody", "invalidParameter", "payloadTooLarge", "rateLimited", "internal"];
