import { randomUUID } from "node:crypto";
import { getBus } from "../bus";
import { appCache } from "../chat/apps/app-cache";
import { getAppSettings } from "../chat/apps/app-settings";
import { ChatError, parseInput, toErrorBody } from "../chat/errors";
import { describeError, log } from "../log";
import type { Endpoint } from "./endpoint";
import { bodyTooLarge, maxBodyBytes, readRequestBody } from "./read-request-body";
import { verifySignedRequest } from "./signature";

/**
 * The route handler of a declared endpoint: signature, body, validation, core call,
 * contract envelope. The handler carries its declaration, so tests can check the wiring.
 */
export function serve(endpoint: Endpoint) {
  return Object.assign(handle, { endpoint });

  async function handle(request: Request): Promise<Response> {
    const requestId = randomUUID();
    try {
      const declaredLength = Number(request.headers.get("content-length") ?? 0);
      if (declaredLength > maxBodyBytes) throw bodyTooLarge();
      const app = await verifySignedRequest({
        headers: request.headers,
        now: Date.now(),
        findApp: (appKey) => appCache.get(appKey),
        claimNonce: async (app, key, ttlMs) => !(await refusesReplayedNonce(endpoint, app.id)) || getBus().claimOnce(key, ttlMs),
        acceptSecondsTimestamp: endpoint.api === "compatibility",
      });
      const input = parseInput(endpoint.request, await readRequestBody(request, endpoint.api === "v4" ? "json" : "form"));
      await enforceRateLimit(endpoint, app.id, input);
      const context = { app, input, origin: requestOrigin(request) };
      const result = endpoint.result ? endpoint.result.parse(await endpoint.handle(context)) : await endpoint.handle(context);
      return Response.json(successBody(endpoint, result), { headers: { "X-Request-Id": requestId } });
    } catch (error) {
      if (!(error instanceof ChatError)) log.error("platform api failed", { requestId, path: endpoint.path, ...describeError(error) });
      const { status, body } = toErrorBody(error);
      return Response.json(body, { status, headers: { "X-Request-Id": requestId } });
    }
  }
}

/** The origin the caller used: a proxy's X-Forwarded-Proto and -Host when it set them, else the request's own. */
function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim();
  return `${first("x-forwarded-proto") ?? url.protocol.slice(0, -1)}://${first("x-forwarded-host") ?? request.headers.get("host") ?? url.host}`;
}

/** Per app and endpoint, in one-second windows counted on every node (through Redis when configured). */
async function enforceRateLimit(endpoint: Endpoint, appId: string, input: unknown) {
  const { perSecond, cost } = endpoint.rateLimit;
  if (!(await getBus().consumeRate(`${appId}:${endpoint.path}`, cost?.(input) ?? 1, perSecond, 1000))) {
    throw new ChatError("rateLimited", `${endpoint.path} takes at most ${perSecond} per second per app; slow down and retry`);
  }
}

/** v4: `{code: 0, result}`; the older API: `{code: 200}` with the result's fields beside it. */
function successBody(endpoint: Endpoint, result: unknown) {
  if (endpoint.api === "compatibility") return { code: 200, ...(result as object) };
  return endpoint.result ? { code: 0, result } : { code: 0 };
}

async function refusesReplayedNonce(endpoint: Endpoint, appId: string): Promise<boolean> {
  const settings = await getAppSettings(appId);
  return endpoint.api === "v4" ? settings.nonceReplayProtection : settings.compatibilityNonceReplayProtection;
}
