import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../env";
import { metrics } from "../metrics";

export const metricsPath = "/metrics";

/**
 * This node's Prometheus metrics (lib/metrics.ts) in the text exposition format, for a scraper
 * holding `SWITCHBOARD_METRICS_TOKEN` as a bearer token. Without the variable there is no such
 * path (404): nothing about the installation is shown by default.
 */
export async function serveMetrics(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const token = env.SWITCHBOARD_METRICS_TOKEN;
  if (!token) return answer(response, 404, "text/plain", "Not found: set SWITCHBOARD_METRICS_TOKEN to serve metrics\n");
  if (request.method !== "GET") return answer(response, 405, "text/plain", `${metricsPath} takes GET requests\n`, { allow: "GET" });
  if (!holdsToken(request.headers.authorization, token)) {
    return answer(response, 401, "text/plain", "Send the metrics token: Authorization: Bearer <SWITCHBOARD_METRICS_TOKEN>\n", { "www-authenticate": "Bearer" });
  }
  try {
    answer(response, 200, metrics.registry.contentType, await metrics.registry.metrics());
  } catch (error) {
    answer(response, 500, "text/plain", `metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

function holdsToken(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": contentType, "cache-control": "no-store", "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}
