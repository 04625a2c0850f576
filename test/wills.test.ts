import { afterAll, describe, expect, it } from "vitest";
import { ChannelType, type SwitchboardClient } from "@switchboard/sdk";
import { createTestDatabase, type TestDatabase } from "./support/databases";
import { connectUser, createTestApp, issueToken } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// A will outlives the node holding its connection: killed with -9, the node cannot send it,
// so the node that next finds the dead node's lease run out does (here the same installation
// restarted, as on the embedded database; test/scale-out/wills.test.ts: another node).
const leaseEnv = { SWITCHBOARD_NODE_LEASE_SECONDS: "2" };
let database: TestDatabase;
const servers: TestServer[] = [];
const clients: SwitchboardClient[] = [];

afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const server of servers) await server.close();
  await database?.drop();
});

/** The stored messages of `senderId`, by their text. */
async function sentBy(senderId: string): Promise<string[]> {
  const rows = await database.query<{ content: string }>(`SELECT content FROM "Message" WHERE "senderId" = $1`, [senderId]);
  return rows.map((row) => (JSON.parse(row.content) as { content: string }).content);
}

describe("a will message", () => {
  it("is sent once by the restarted installation after its node was killed with -9, and a cleared one is not", async () => {
    database = await createTestDatabase();
    const killed = await startTestServer({ database, env: leaseEnv });
    servers.push(killed);
    const app = await createTestApp(killed, "Wills after kill");
    await issueToken(killed, app, "bob");
    const amy = await connectUser(killed, app, "amy");
    const cal = await connectUser(killed, app, "cal");
    clients.push(amy, cal);
    await amy.setWillMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: "amy's node died" } });
    await cal.setWillMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: "cal cleared this" } });
    await cal.clearWillMessage();
    expect(await database.query(`SELECT "userId" FROM "SessionWill"`)).toEqual([{ userId: "amy" }]);

    killed.process.kill("SIGKILL");
    await new Promise((resolve) => killed.process.once("exit", resolve));
    expect(await sentBy("amy")).toEqual([]);

    servers.push(await startTestServer({ database, env: leaseEnv }));
    await expect.poll(() => sentBy("amy"), { timeout: 20_000, interval: 250 }).toEqual(["amy's node died"]);
    await expect.poll(() => database.query(`SELECT "sessionId" FROM "SessionWill"`)).toEqual([]);
    // Later sweeps find nothing more to send.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sentBy("amy")).toEqual(["amy's node died"]);
    expect(await sentBy("cal")).toEqual([]);
  });
});
