import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { getBus } from "../bus";
import { rateWindowEnd } from "../bus/messages";
import { countUsage } from "../chat/base/analytics/usage-counts";
import { metrics } from "../metrics";
import { appCache } from "../chat/base/apps/app-cache";
import { getAppSettings } from "../chat/base/apps/app-settings";
import { ChatError, knownError, parseInput, toErrorBody } from "../chat/base/errors";
import { describeError, log } from "../log";
import type { Endpoint, RatePeriod } from "./endpoint";
import { bodyTooLarge, maxBodyBytes, parseRequestBody, readBodyText } from "./read-request-body";
import { recordApiRequest } from "./request-log";
import { type HeaderReader, type SigningApp, verifySignedRequest } from "./signature";

/** A Platform API request as server.ts takes it off the socket. */
export type ApiCall = {
  method: string;
  /** The URL's path, without its query. */
  path: string;
  headers: HeaderReader;
  /** Content-Length when the caller stated one. */
  declaredLength?: number;
  body: Readable;
  /** Where the caller reached this server, for links in answers. */
  origin: string;
};

export type ApiAnswer = { status: number; body: Record<string, unknown>; requestId: string; retryAfterSeconds?: number };

/**
 * Answers one call of a declared endpoint: signature, body, validation, core call,
 * contract envelope; every call of a known app goes to its request log and usage counts.
 */
export async function answerApiCall(endpoint: Endpoint, call: ApiCall): Promise<ApiAnswer> {
  const requestId = randomUUID();
  const started = Date.now();
  const known: { app?: SigningApp; input?: unknown } = {};
  let status = 200;
  let body: Record<string, unknown>;
  let retryAfterSeconds: number | undefined;
  try {
    if ((call.declaredLength ?? 0) > maxBodyBytes) throw bodyTooLarge();
    // Read before the signature check: version 2 signs the body.
    const bodyText = await readBodyText(call.body);
    known.app = await verifySignedRequest({
      headers: call.headers,
      request: { method: call.method, path: call.path, body: bodyText },
      now: started,
      findApp: (appKey) => appCache.get(appKey),
      claimNonce: async (app, key, ttlMs) => !(await refusesReplayedNonce(endpoint, app.id)) || getBus().claimOnce(key, ttlMs),
      requiresRequestSignature: async (app) => (await getAppSettings(app.id)).requireRequestSignature,
      acceptSecondsTimestamp: endpoint.api === "compatibility",
    });
    known.input = parseRequestBody(bodyText, call.headers.get("content-type") ?? "", endpoint.api === "v4" ? "json" : "form");
    const input = parseInput(endpoint.request, known.input);
    await enforceRateLimit(endpoint, known.app.id, input);
    const context = { app: known.app, input, origin: call.origin };
    const result = endpoint.result ? endpoint.result.parse(await endpoint.handle(context)) : await endpoint.handle(context);
    body = successBody(endpoint, result);
  } catch (error) {
    if (!knownError(error)) log.error("platform api failed", { requestId, path: endpoint.path, ...describeError(error) });
    ({ status, body, retryAfterSeconds } = toErrorBody(error));
  }
  const latencyMs = Date.now() - started;
  metrics.apiCalls.inc({ endpoint: endpoint.path, status });
  metrics.apiCallSeconds.observe({ endpoint: endpoint.path }, latencyMs / 1000);
  await logCall(call, { ...known, path: endpoint.path, status, body, latencyMs });
  return { status, body, requestId, retryAfterSeconds };
}

/**
 * Keeps the call for the app's request log: answered calls of a known app, and calls
 * refused for their signature when the App-Key names a real app.
 */
async function logCall(request: ApiCall, call: { app?: SigningApp; input?: unknown; path: string; status: number; body: Record<string, unknown>; latencyMs: number }) {
  const appKey = request.headers.get("app-key");
  const appId = call.app?.id ?? (appKey ? (await appCache.get(appKey).catch(() => null))?.id : undefined);
  if (!appId) return;
  countUsage(appId, `api.${call.status}.${call.path}`);
  recordApiRequest({
    appId,
    createdAt: new Date(),
    method: request.method,
    path: call.path,
    status: call.status,
    code: typeof call.body.code === "number" ? call.body.code : 0,
    latencyMs: call.latencyMs,
    callerIp: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "",
    request: call.input,
    response: call.body,
  });
}

/**
 * The endpoint's limit per app (its declared windows, or the app's own calls per second
 * for it), counted on every node (through Redis when configured). A refused call counts
 * for nothing and is told when its window ends.
 */
async function enforceRateLimit(endpoint: Endpoint, appId: string, input: unknown) {
  const declared = endpoint.rateLimit;
  const own = (await getAppSettings(appId)).apiRateLimits[endpoint.path];
  const windows = own === undefined ? declared.windows : [{ limit: own, per: "second" as const }];
  const cost = declared.counts?.of(input) ?? 1;
  const counted = windows.map((window) => ({ limit: window.limit, ms: periodMs[window.per] }));
  const answer = await getBus().consumeRate(`${appId}:${declared.sharedAs ?? endpoint.path}`, cost, counted);
  if (answer.allowed) return;
  const window = windows[counted.indexOf(answer.window)]!;
  const retryAfterSeconds = Math.ceil((rateWindowEnd(answer.window.ms) - Date.now()) / 1000);
  const budget = `${window.limit} ${declared.counts?.unit ?? "calls"} per ${window.per}${declared.sharedAs ? ` (shared: ${declared.sharedAs})` : ""}`;
  const tried = cost === 1 ? "" : `; this call counts for ${cost}`;
  throw new ChatError("rateLimited", `${endpoint.path} takes at most ${budget} per app${tried}: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

const periodMs: Record<RatePeriod, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** v4: `{code: 0, result}`; the older API: `{code: 200}` with the result's fields beside it. */
function successBody(endpoint: Endpoint, result: unknown) {
  if (endpoint.api === "compatibility") return { code: 200, ...(result as object) };
  return endpoint.result ? { code: 0, result } : { code: 0 };
}

async function refusesReplayedNonce(endpoint: Endpoint, appId: string): Promise<boolean> {
  const settings = await getAppSettings(appId);
  return endpoint.api === "v4" ? settings.nonceReplayProtection : settings.compatibilityNonceReplayProtection;
}
