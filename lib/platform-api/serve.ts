import { randomUUID } from "node:crypto";
import { getBus } from "../bus";
import { appCache } from "../chat/apps/app-cache";
import { ChatError, parseInput, toErrorBody } from "../chat/errors";
import { describeError, log } from "../log";
import type { Endpoint } from "./endpoint";
import { verifySignedRequest } from "./signature";

/** Largest request body. Message content is capped lower (128 KB) by the core, with its own error. */
export const maxBodyBytes = 512 * 1024;

/** The route handler of a declared endpoint: signature, body, validation, core call, contract envelope. */
export function serve(endpoint: Endpoint) {
  return async function POST(request: Request): Promise<Response> {
    const requestId = randomUUID();
    try {
      const declaredLength = Number(request.headers.get("content-length") ?? 0);
      if (declaredLength > maxBodyBytes) throw tooLarge();
      const app = await verifySignedRequest({
        headers: request.headers,
        now: Date.now(),
        findApp: (appKey) => appCache.get(appKey),
        claimNonce: (key, ttlMs) => getBus().claimOnce(key, ttlMs),
      });
      const input = parseInput(endpoint.request, await readBody(request, endpoint.body));
      const result = await endpoint.handle({ app, input });
      const body = endpoint.result ? { code: 0, result: endpoint.result.parse(result) } : { code: 0 };
      return Response.json(body, { headers: { "X-Request-Id": requestId } });
    } catch (error) {
      if (!(error instanceof ChatError)) log.error("platform api failed", { requestId, path: endpoint.path, ...describeError(error) });
      const { status, body } = toErrorBody(error);
      return Response.json(body, { status, headers: { "X-Request-Id": requestId } });
    }
  };
}

const tooLarge = () => new ChatError("payloadTooLarge", `Request body exceeds ${maxBodyBytes / 1024} KB`);

async function readBody(request: Request, kind: "json" | "form"): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  const isForm = contentType.includes("application/x-www-form-urlencoded");
  if (kind === "json" && isForm) throw new ChatError("invalidBody", "This endpoint takes a JSON body (Content-Type: application/json)");
  if (kind === "form" && !isForm) {
    throw new ChatError("invalidBody", "This endpoint takes a form body (Content-Type: application/x-www-form-urlencoded)");
  }
  const text = await readLimitedText(request);
  if (kind === "form") return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw new ChatError("invalidBody", "The body is not valid JSON");
  }
}

/** Reads the body, stopping as soon as it exceeds the limit whatever Content-Length said. */
async function readLimitedText(request: Request): Promise<string> {
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBodyBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
