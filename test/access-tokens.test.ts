import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const expirePath = "/v4/auth/access-token/expire";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
});
afterAll(() => server?.close());

function client(options: { token?: string; getToken?: () => Promise<string> }) {
  const centrifuge = new Centrifuge(server.wsUrl, { ...options, websocket: WebSocket, minReconnectDelay: 50, maxReconnectDelay: 200 });
  const events: string[] = [];
  centrifuge.on("connected", () => events.push("connected"));
  centrifuge.on("connecting", (context) => events.push(`connecting ${context.code}`));
  centrifuge.on("error", (context) => events.push(`error ${context.error.code}`));
  return {
    centrifuge,
    /** What happened since the client first connected. */
    events,
    async connect() {
      centrifuge.connect();
      await centrifuge.ready();
      events.length = 0;
    },
  };
}

describe("POST /v4/auth/access-token/expire", () => {
  it("refuses older tokens, disconnects their sessions, and leaves newer ones connected", async () => {
    const oldToken = await issueToken(server, app, "alice");
    const older = client({ token: oldToken });
    await older.connect();
    await pause(5);
    const expiresAt = Date.now();
    await pause(5);
    const newer = client({ token: await issueToken(server, app, "alice") });
    await newer.connect();

    expect(await callApi(server, app, expirePath, { userIds: ["alice"], expiresAt })).toEqual({ status: 200, body: { code: 0 } });
    await expect.poll(() => older.events).toContain("connecting 3005");
    await expect.poll(() => older.events).toContain("error 109");
    expect(newer.events).toEqual([]);

    const retry = client({ token: oldToken });
    retry.centrifuge.connect();
    await expect.poll(() => retry.events).toContain("error 109");
    for (const { centrifuge } of [older, newer, retry]) centrifuge.disconnect();
  });

  it("lets a client with getToken reconnect with a fresh token", async () => {
    let fetched = 0;
    const refreshing = client({ getToken: async () => (fetched++, issueToken(server, app, "bob")) });
    await refreshing.connect();
    await callApi(server, app, expirePath, { userIds: ["bob"], expiresAt: Date.now() });
    await expect.poll(() => refreshing.events, { timeout: 5000 }).toContain("connected");
    expect(fetched).toBeGreaterThanOrEqual(2);
    refreshing.centrifuge.disconnect();
  });

  it.each([
    { body: { userIds: [], expiresAt: 1 }, errorMessage: "userIds must hold 1 to 20 user ids" },
    { body: { userIds: ["a"], expiresAt: "soon" }, errorMessage: "expiresAt: Invalid input: expected number, received string" },
    { body: { userIds: ["a b"], expiresAt: 1 }, errorMessage: "userIds must be 1 to 64 characters of letters, digits and _ - = + @ ." },
  ])("refuses $body", async ({ body, errorMessage }) => {
    expect(await callApi(server, app, expirePath, body)).toEqual({ status: 400, body: { code: 1002, errorMessage } });
  });
});
