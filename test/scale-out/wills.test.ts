import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, type SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "../support/chat-clients";
import { connectUser, createTestApp, type TestApp } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// Two nodes on one PostgreSQL database and Redis. The node holding a connection is killed
// with -9: the other sends the connection's will once the dead node's lease ran out.
const leaseEnv = { SWITCHBOARD_NODE_LEASE_SECONDS: "2" };
let nodeA: TestServer;
let nodeB: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  nodeA = await startTestServer({ env: leaseEnv });
  nodeB = await startTestServer({ env: { ...leaseEnv, DATABASE_URL: nodeA.database.url } });
  app = await createTestApp(nodeA, "Wills across nodes");
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await nodeB?.close();
  await nodeA?.close();
});

describe("will messages on two nodes", () => {
  it("are sent by the surviving node, once each, when the node holding their connections is killed", async () => {
    const bob = await connectUser(nodeB, app, "bob");
    const bobEvents = recorder(bob);
    const onA = await Promise.all(["amy", "cal", "dan"].map((userId) => connectUser(nodeA, app, userId)));
    clients.push(bob, ...onA);
    const [amy, cal, dan] = onA as [SwitchboardClient, SwitchboardClient, SwitchboardClient];
    for (const [client, userId] of [[amy, "amy"], [cal, "cal"], [dan, "dan"]] as const) {
      await client.setWillMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: `${userId}'s node died` } });
    }
    // A clean disconnect before the kill forgets dan's will.
    dan.disconnect();
    await expect.poll(() => nodeA.database.query(`SELECT "userId" FROM "SessionWill" ORDER BY "userId"`)).toEqual([{ userId: "amy" }, { userId: "cal" }]);

    nodeA.process.kill("SIGKILL");
    const killedAt = Date.now();
    expect(await waitUntil(() => bobEvents.texts().length === 2, 20_000)).toBe(true);
    console.log(`wills delivered by the surviving node ${Date.now() - killedAt} ms after kill -9 (lease 2 s)`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(bobEvents.texts().sort()).toEqual(["amy's node died", "cal's node died"]);
    expect(await nodeA.database.query(`SELECT "sessionId" FROM "SessionWill"`)).toEqual([]);
  });
});
