import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recorder, waitUntil } from "./support/chat-clients";
import { attemptSignIn } from "./support/console-session";
import { callApi, connectUser, createTestApp, issueToken, waitForConnectionStatus, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// Two installations, each its own database, on one Redis: the same operator, app name and user ids.
describe.runIf(process.env.SWITCHBOARD_TEST_BUS === "redis")("two installations on one Redis", () => {
  let redis: Redis;
  const installations: { server: TestServer; app: TestApp }[] = [];
  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!);
    for (const prefix of [undefined, "second-installation"]) {
      const server = await startTestServer({ env: { SWITCHBOARD_BUS_PREFIX: prefix } });
      installations.push({ server, app: await createTestApp(server, "Same name") });
    }
  });
  afterAll(async () => {
    await Promise.all(installations.map(({ server }) => server.close()));
    redis?.disconnect();
  });

  it("keep every Redis key and channel under their own prefix: the id stored in the database, or SWITCHBOARD_BUS_PREFIX", async () => {
    const [first, second] = installations;
    const [stored] = await first!.server.database.query<{ value: string }>(`SELECT "value" FROM "InstallationSetting" WHERE "key" = 'installation-id'`);
    const firstId = stored!.value;
    const clients = await Promise.all(installations.map(({ server, app }) => connectUser(server, app, "rita")));
    try {
      await Promise.all(installations.map(({ server, app }) => waitForConnectionStatus(server, app, "rita", "1")));
      const prefixes = [`switchboard:${firstId}:`, "switchboard:second-installation:"];
      // Other installations (other test files) share this Redis: look at the names that carry these apps' ids.
      const appIds = await Promise.all(installations.map(async ({ server }) => (await server.database.query<{ id: string }>(`SELECT "id" FROM "App"`))[0]!.id));
      const names = [...(await redis.keys("switchboard:*")), ...((await redis.pubsub("CHANNELS", "switchboard:*")) as string[])];
      appIds.forEach((appId, index) => {
        const ours = names.filter((name) => name.includes(appId));
        expect(ours.length).toBeGreaterThan(0);
        for (const name of ours) expect(name.startsWith(prefixes[index]!), name).toBe(true);
      });

      // A message to rita in the second installation reaches only its own rita.
      const heard = clients.map((client) => recorder(client));
      await issueToken(second!.server, second!.app, "sam");
      const sent = await callApi(second!.server, second!.app, "/v4/direct-channel/message/send", { fromUserId: "sam", toUserIds: ["rita"], messageType: "RC:TxtMsg", content: '{"content":"only here"}' });
      expect(sent.status).toBe(200);
      expect(await waitUntil(() => heard[1]!.messages.length === 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard[0]!.messages).toHaveLength(0);
    } finally {
      for (const client of clients) client.disconnect();
    }
  });

  it("count failed sign-ins apart: the first locking its owner out leaves the second's alone", async () => {
    const [first, second] = installations;
    for (let attempt = 0; attempt < 5; attempt++) await attemptSignIn(first!.server, { email: "owner@example.com", password: "not-the-password" });
    expect((await attemptSignIn(first!.server, { email: "owner@example.com", password: "owner-password" })).session).toBeNull();
    expect((await attemptSignIn(second!.server, { email: "owner@example.com", password: "owner-password" })).session).not.toBeNull();
  });
});
