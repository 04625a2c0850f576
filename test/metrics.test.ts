import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Family, parsePrometheusText, sampleValue } from "./support/prometheus-text";
import { addWebhookEndpoint, callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

const token = "metrics-token-0123456789";
let server: TestServer;
let app: TestApp;
let failingEndpoint: Server;

beforeAll(async () => {
  server = await startTestServer({ env: { SWITCHBOARD_METRICS_TOKEN: token } });
  app = await createTestApp(server);
  // An app server that answers every event with 500.
  failingEndpoint = createServer((_, response) => response.writeHead(500).end("down"));
  await new Promise<void>((resolve) => failingEndpoint.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await server?.close();
  failingEndpoint?.close();
});

async function scrape(): Promise<Map<string, Family>> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/** A counter's or gauge's value, or how many observations a histogram holds. */
function valueOf(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  return families.get(name)?.type === "histogram" ? sampleValue(families, name, labels, `${name}_count`) : sampleValue(families, name, labels);
}

describe("GET /metrics", () => {
  it("asks for the bearer token", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
  });

  it("is a Prometheus scrape whose counters move with calls, sends, RPCs and a failed webhook", async () => {
    const before = await scrape();
    const names = [...before.keys()];
    for (const name of ["switchboard_connections", "switchboard_writer_batch_size", "switchboard_webhook_outbox_depth", "switchboard_push_queue_depth", "nodejs_eventloop_lag_seconds", "process_resident_memory_bytes"]) {
      expect(names).toContain(name);
    }
    await addWebhookEndpoint(server, app, { url: `http://127.0.0.1:${(failingEndpoint.address() as AddressInfo).port}/events`, events: ["message:send"], style: "v4" });
    const client = await connectUser(server, app, "mona", { platform: "mobile" });
    await issueToken(server, app, "olaf");
    try {
      for (let call = 0; call < 3; call++) expect((await callApi(server, app, "/v4/user/get", { userId: "mona" })).status).toBe(200);
      const sent = await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "olaf", toUserIds: ["mona"], messageType: "RC:TxtMsg", content: '{"content":"hi"}' });
      expect(sent.status).toBe(200);
      await client.sendDirectMessage({ to: "olaf", text: "hello" });

      // The webhook worker tries every 500 ms.
      const after = await vi.waitFor(
        async () => {
          const families = await scrape();
          expect(valueOf(families, "switchboard_webhook_deliveries_total", { outcome: "attempt_failed" })).toBeGreaterThan(0);
          return families;
        },
        { timeout: 10_000, interval: 200 },
      );
      const moved = (name: string, labels?: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(moved("switchboard_api_calls_total", { endpoint: "/v4/user/get", status: "200" })).toBe(3);
      expect(moved("switchboard_api_call_seconds", { endpoint: "/v4/user/get" })).toBe(3);
      expect(moved("switchboard_messages_stored_total", { channel_type: "1" })).toBe(2);
      expect(moved("switchboard_writer_batch_size")).toBeGreaterThanOrEqual(1);
      expect(moved("switchboard_writer_commit_seconds")).toBeGreaterThanOrEqual(1);
      expect(moved("switchboard_gateway_rpc_total", { result: "ok" })).toBeGreaterThanOrEqual(1);
      expect(moved("switchboard_webhook_delivery_seconds")).toBeGreaterThanOrEqual(1);
      expect(valueOf(after, "switchboard_connections", { platform: "mobile" })).toBe(1);
      expect(valueOf(after, "switchboard_webhook_outbox_depth")).toBeGreaterThanOrEqual(1);
      // Starting Next's server grows the heap through full collections: the live set is known.
      expect(valueOf(after, "switchboard_heap_after_full_gc_bytes")).toBeGreaterThan(10 * 2 ** 20);
    } finally {
      client.disconnect();
    }
  });
});
