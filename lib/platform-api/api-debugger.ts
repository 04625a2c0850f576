import { randomBytes } from "node:crypto";
import { z } from "zod";
import { computeRequestSignature, computeSignature } from "../chat/base/apps/app-signature";
import { ChatError } from "../chat/base/errors";
import type { DebuggerEndpoint, DebuggerExchange, JsonSchema } from "../contract";
import { describeRateLimit, type RateLimit } from "./endpoint";
import { endpoints } from "./endpoints";

/** Every endpoint the debugger offers, with the JSON Schema of its request for the generated form. */
export function debuggerEndpoints(): DebuggerEndpoint[] {
  return endpoints.map((endpoint) => ({
    path: endpoint.path,
    api: endpoint.api,
    tag: endpoint.tag,
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    rateLimit: `${describeRateLimit(endpoint.rateLimit as RateLimit<never>)} per app`,
    extension: endpoint.extension === true,
    // zod's type covers all of JSON Schema; the contract names the part the debugger's form reads.
    schema: z.toJSONSchema(endpoint.request, { io: "input", unrepresentable: "any" }) as JsonSchema,
  }));
}

/**
 * Signs a request with the app's secret, on the server, and sends it over HTTP to this
 * server's own Platform API, exactly as an app server would; answers what went and came.
 */
export async function sendSignedRequest(input: {
  app: { key: string; secret: string };
  origin: string;
  path: string;
  body: Record<string, unknown>;
  /** 1: SHA1 of secret, nonce and timestamp; 2: HMAC-SHA256 over the request and its body. */
  signatureVersion: 1 | 2;
}): Promise<DebuggerExchange> {
  const endpoint = endpoints.find((candidate) => candidate.path === input.path);
  if (!endpoint) throw new ChatError("notFound", `No Platform API endpoint has the path ${input.path}`);
  const nonce = randomBytes(9).toString("base64url");
  const timestamp = String(Date.now());
  const body = endpoint.api === "v4" ? JSON.stringify(input.body) : formBody(input.body);
  const signature: Record<string, string> =
    input.signatureVersion === 2
      ? { "Signature-Version": "2", Signature: computeRequestSignature(input.app.secret, { nonce, timestamp, method: "POST", path: endpoint.path, body }) }
      : { Signature: computeSignature(input.app.secret, nonce, timestamp) };
  const headers = {
    "Content-Type": endpoint.api === "v4" ? "application/json" : "application/x-www-form-urlencoded",
    "App-Key": input.app.key,
    Nonce: nonce,
    Timestamp: timestamp,
    ...signature,
  };
  const url = `${input.origin}${endpoint.path}`;
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  return {
    request: { method: "POST", url, headers, body },
    curl: curlCommand(url, headers, body),
    response: { status: response.status, headers: Object.fromEntries(response.headers), body: text },
    durationMs,
  };
}

/** The older API's form: lists as repeated keys, objects as JSON text. */
function formBody(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
  return form.toString();
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

function curlCommand(url: string, headers: Record<string, string>, body: string): string {
  const headerFlags = Object.entries(headers).map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`);
  return ["curl -X POST", shellQuote(url), ...headerFlags, `--data ${shellQuote(body)}`].join(" \\\n  ");
}
