import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "../support/chat-clients";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// Node B reaches Redis through a fault proxy; node A reaches it directly. Redis pub/sub
// keeps nothing for a subscriber that is away, so what A publishes during B's outage
// never reaches B: B's clients must catch up from the database.
let database: TestDatabase;
let nodeA: TestServer;
let nodeB: TestServer;
let redisProxy: FaultProxy;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  redisProxy = await startFaultProxy(Number(new URL(process.env.REDIS_URL!).port || 6379));
  nodeA = await startTestServer({ database });
  nodeB = await startTestServer({ database, env: { REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` } });
  app = await createTestApp(nodeA, "Bus outage");
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await nodeB?.close();
  await nodeA?.close();
  await redisProxy?.close();
  await database?.drop();
});

describe("a node that lost its Redis connection", () => {
  it("makes its clients reconnect once it is back, and they receive what was sent meanwhile", async () => {
    await issueToken(nodeA, app, "bob");
    const ann = await connectUser(nodeB, app, "ann");
    clients.push(ann);
    const annEvents = recorder(ann);
    const reconnectCodes: number[] = [];
    ann.centrifuge.on("connecting", (context) => reconnectCodes.push(context.code));
    const send = (text: string) => callApi(nodeA, app, "/v4/direct-channel/message/send", { fromUserId: "bob", toUserIds: ["ann"], messageType: "RC:TxtMsg", content: JSON.stringify({ content: text }) });
    expect((await send("before")).status).toBe(200);
    expect(await waitUntil(() => annEvents.texts().includes("before"))).toBe(true);

    redisProxy.outage(1500);
    expect((await send("during the outage")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(annEvents.texts()).toEqual(["before"]);

    expect(await waitUntil(() => annEvents.texts().includes("during the outage"), 15_000)).toBe(true);
    expect(reconnectCodes).toEqual([3010]);
    expect(annEvents.texts()).toEqual(["before", "during the outage"]);
  });
});
