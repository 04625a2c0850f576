import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "./support/fault-proxy";
import { callApi, createTestApp, issueToken } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

const onPostgres = process.env.SWITCHBOARD_TEST_DATABASE === "postgresql";

async function getJson(server: TestServer, path: string, method = "GET") {
  const response = await fetch(`${server.url}${path}`, { method });
  return { status: response.status, body: method === "GET" ? await response.json() : await response.text() };
}

describe("health and readiness", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers /healthz and /readyz without signing in, naming each check", async () => {
    expect(await getJson(server, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await getJson(server, "/readyz")).toEqual({
      status: 200,
      body: { status: "ready", down: [], checks: { database: "ok", bus: "ok", migrations: "ok", draining: "ok" } },
    });
    expect((await getJson(server, "/readyz?verbose=1")).status).toBe(200);
    expect((await getJson(server, "/healthz", "HEAD")).status).toBe(200);
    expect(await getJson(server, "/readyz", "POST")).toMatchObject({ status: 405 });
    // No SWITCHBOARD_METRICS_TOKEN: no metrics path either.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});

describe.runIf(onPostgres)("readiness with the database or Redis out of reach", () => {
  let databaseProxy: FaultProxy;
  let redisProxy: FaultProxy;
  let server: TestServer;
  beforeAll(async () => {
    const databaseUrl = new URL(process.env.DATABASE_URL!);
    const redisUrl = new URL(process.env.REDIS_URL!);
    databaseProxy = await startFaultProxy(Number(databaseUrl.port || 5432));
    redisProxy = await startFaultProxy(Number(redisUrl.port || 6379));
    server = await startTestServer();
    // The same database, reached through the proxy: restarted on it.
    await server.stop();
    const proxied = new URL(server.database.url);
    proxied.host = `127.0.0.1:${databaseProxy.port}`;
    redisUrl.host = `127.0.0.1:${redisProxy.port}`;
    server = await startTestServer({ database: server.database, env: { DATABASE_URL: proxied.toString(), REDIS_URL: redisUrl.toString() } });
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.drop();
    await databaseProxy?.close();
    await redisProxy?.close();
  });

  it("answers 503 naming what is down, and ready again once it is back", async () => {
    expect(await getJson(server, "/readyz")).toMatchObject({ status: 200 });
    redisProxy.outage(3000);
    const busDown = await getJson(server, "/readyz");
    expect(busDown).toMatchObject({ status: 503, body: { status: "unavailable", down: ["bus"] } });
    expect(busDown.body.checks.bus).toMatch(/Redis/);
    await expect.poll(async () => (await getJson(server, "/readyz")).status, { timeout: 15_000, interval: 250 }).toBe(200);

    databaseProxy.outage(3000);
    const databaseDown = await getJson(server, "/readyz");
    expect(databaseDown).toMatchObject({ status: 503, body: { down: ["database"] } });
    expect((await getJson(server, "/healthz")).status).toBe(200);
    await expect.poll(async () => (await getJson(server, "/readyz")).status, { timeout: 15_000, interval: 250 }).toBe(200);
  });
});

describe("draining on SIGTERM", () => {
  it("turns readiness to 503 at once, serves on for SWITCHBOARD_DRAIN_SECONDS, then sends clients to reconnect (3001) and exits 0", async () => {
    const server = await startTestServer({ env: { SWITCHBOARD_DRAIN_SECONDS: "2" } });
    try {
      const app = await createTestApp(server);
      const client = new Centrifuge(server.wsUrl, { token: await issueToken(server, app, "dana"), websocket: WebSocket, minReconnectDelay: 60_000 });
      client.connect();
      await client.ready();
      const reconnecting = new Promise<{ code: number; at: number }>((resolve) => client.on("connecting", (context) => resolve({ code: context.code, at: Date.now() })));
      const stoppedAt = Date.now();
      const exited = server.stop();
      await expect.poll(async () => (await getJson(server, "/readyz")).body, { timeout: 1000, interval: 50 }).toMatchObject({ down: ["draining"] });
      // Still serving meanwhile: an API call and the open connection.
      expect((await callApi(server, app, "/v4/user/get", { userId: "dana" })).status).toBe(200);
      expect(client.state).toBe("connected");
      const reconnect = await reconnecting;
      expect(reconnect.code).toBe(3001);
      expect(reconnect.at - stoppedAt).toBeGreaterThanOrEqual(1900);
      expect(await exited).toBe(0);
      client.disconnect();
    } finally {
      await server.close();
    }
  });
});
