import type { IncomingMessage, ServerResponse } from "node:http";
import { errorTable, toErrorBody } from "../chat/base/errors";
import { describeError, log } from "../log";
import type { Endpoint } from "./endpoint";
import { endpoints } from "./endpoints";
import { callerOrigin } from "./request-origin";
import { answerApiCall } from "./serve";
import type { HeaderReader } from "./signature";

const endpointsByPath = new Map(endpoints.map((endpoint) => [endpoint.path, endpoint]));

/** Served by Next (the console's API debugger and SDK generators read it), not by an endpoint. */
const openApiPath = "/v4/openapi.json";

/**
 * What server.ts does with a request: a declared endpoint's path goes to that endpoint, any
 * other path under /v4/ answers the contract's 404, everything else is Next's.
 */
export function platformApiTarget(path: string): Endpoint | "unknown" | undefined {
  const endpoint = endpointsByPath.get(path);
  if (endpoint) return endpoint;
  return path.startsWith("/v4/") && path !== openApiPath ? "unknown" : undefined;
}

/**
 * Whether server.ts answers this request as the Platform API, on Node's own request and
 * response, before Next: Next's per-request pipeline alone would cap the API near 900 calls
 * a second on a 2-core machine (measured), where the API's own work allows several thousand.
 */
export function handlesPlatformApi(request: IncomingMessage): boolean {
  return platformApiTarget(pathOf(request)) !== undefined;
}

/** Answers a request `handlesPlatformApi` took; never rejects (an answer that cannot be written is logged). */
export async function servePlatformApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    await answerRequest(request, response);
  } catch (error) {
    log.error("platform api answer failed", { path: pathOf(request), ...describeError(error) });
    if (!response.headersSent) answer(response, { status: 500, body: toErrorBody(error).body });
    else response.destroy();
  }
}

async function answerRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = pathOf(request);
  const target = platformApiTarget(path);
  if (target === undefined) throw new Error(`${path} is not a Platform API path`);
  if (target === "unknown") return answer(response, { status: errorTable.notFound.status, body: { code: errorTable.notFound.code, errorMessage: `No Platform API endpoint at ${path}` } });
  if (request.method !== "POST") {
    // No endpoint answers this method here: the not-found code, with HTTP's own status for it.
    return answer(response, { status: 405, body: { code: errorTable.notFound.code, errorMessage: `${path} takes POST requests` }, headers: { allow: "POST" } });
  }
  const headers = headerReader(request);
  const declaredLength = request.headers["content-length"] === undefined ? undefined : Number(request.headers["content-length"]);
  const origin = callerOrigin(headers, { protocol: "encrypted" in request.socket ? "https" : "http", host: request.headers.host ?? "" });
  const { status, body, requestId, retryAfterSeconds } = await answerApiCall(target, { method: request.method, path, headers, declaredLength, body: request, origin });
  answer(response, { status, body, headers: { "x-request-id": requestId, ...(retryAfterSeconds !== undefined && { "retry-after": String(retryAfterSeconds) }) } });
}

function answer(response: ServerResponse, input: { status: number; body: Record<string, unknown>; headers?: Record<string, string> }) {
  const text = JSON.stringify(input.body);
  response.writeHead(input.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...input.headers });
  response.end(text);
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/** Node keeps header names in lower case, and repeated ones as lists. */
function headerReader(request: IncomingMessage): HeaderReader {
  return {
    get: (name) => {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
