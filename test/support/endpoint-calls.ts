import { z } from "zod";
import type { Endpoint } from "../../lib/platform-api/endpoint";
import { jsonText } from "./nested-json";
import { callApi, type TestApp } from "./platform-api";
import type { TestServer } from "./test-server";

/** An endpoint's request as JSON Schema: its fields and the required ones. */
export function requestSchema(endpoint: Endpoint) {
  return z.toJSONSchema(endpoint.request, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { type?: string; items?: { type?: string } }>;
    required?: string[];
  };
}

export const declaredFields = (endpoint: Endpoint) => Object.keys(requestSchema(endpoint).properties ?? {});

/** A signed call with `body` as the endpoint takes it: JSON, or the older API's form (lists as repeated keys). */
export function callEndpoint(server: TestServer, app: TestApp, endpoint: Endpoint, body: unknown) {
  if (endpoint.api === "v4") return callApi(server, app, endpoint.path, null, { rawBody: jsonText(body) });
  return callApi(server, app, endpoint.path, null, { rawBody: formOf(body), contentType: "application/x-www-form-urlencoded" });
}

function formOf(body: unknown): string {
  const form = new URLSearchParams();
  if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, typeof item === "object" ? jsonText(item) : String(item));
    }
  }
  return form.toString();
}
