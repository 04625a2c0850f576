import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analytics } from "../components/analytics/analytics-queries";
import { ChannelType, ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { ageRows } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The lifecycle sweep runs every second here.
let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const dayMs = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server, "Lifecycle");
  await setAppSettings(server, app, { inactiveConversationDays: 30 });
  for (const userId of ["ann", "ben"]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
const sendToGroup = (channelId: string, text: string) => api("/v4/group-channel/message/send", { fromUserId: "ann", toChannelIds: [channelId], messageType: "RC:TxtMsg", content: JSON.stringify({ content: text }) });
const channelRows = (channelId: string) => server.database.query(`SELECT "id" FROM "Channel" WHERE "channelId" = $1`, [channelId]);
const age = (channelId: string, days: number) => ageRows(server.database, { table: "Channel", where: { channelId }, columns: ["updatedAt"], ms: days * dayMs });

describe("inactive conversations", () => {
  it("are removed with their messages after the app's period, and a send to such a group says it no longer exists", async () => {
    const ann = await connectUser(server, app, "ann");
    clients.push(ann);
    for (const channelId of ["dormant", "quiet"]) await api("/v4/group-channel/create", { channelId, name: channelId, owner: "ann", userIds: ["ben"] });
    expect((await sendToGroup("dormant", "long ago")).status).toBe(200);
    await ann.sendDirectMessage({ to: "ben", text: "long ago" });
    await age("dormant", 31);
    await age("ann:ben", 31);
    await age("quiet", 29);

    for (let tries = 0; tries < 50 && (await channelRows("dormant")).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await channelRows("dormant")).toEqual([]);
    expect(await channelRows("ann:ben")).toEqual([]);
    expect(await channelRows("quiet")).toHaveLength(1);
    expect(await server.database.query(`SELECT "id" FROM "Message" WHERE "content" LIKE '%long ago%'`)).toEqual([]);

    const removedOn = new Date().toISOString().slice(0, 10);
    const gone = { code: 1029, errorMessage: `Group dormant no longer exists: it was removed on ${removedOn} after the app's inactivity period` };
    expect(await sendToGroup("dormant", "anyone?")).toEqual({ status: 404, body: gone });
    const refused = await ann.sendGroupMessage({ groupId: "dormant", text: "anyone?" }).catch((error: ChatCallError) => error);
    expect(refused).toMatchObject({ code: 1029, message: gone.errorMessage });
    expect(await api("/v4/group-channel/join", { channelId: "dormant", userIds: ["ben"] })).toEqual({ status: 404, body: gone });
    // A direct conversation simply starts again; a group created again under the id too.
    expect((await ann.sendDirectMessage({ to: "ben", text: "hello again" })).seq).toBe(1);
    expect((await api("/v4/group-channel/create", { channelId: "dormant", name: "Back", owner: "ann" })).status).toBe(200);
    expect((await sendToGroup("dormant", "we are back")).status).toBe(200);
    expect((await api("/v4/group-channel/message/send", { fromUserId: "ann", toChannelIds: ["never-was"], messageType: "RC:TxtMsg", content: '{"content":"x"}' })).body).toEqual({
      code: 1010,
      errorMessage: "Group never-was does not exist",
    });

    const console_ = await signInToConsole(server);
    const audit = await console_.get<{ entries: { action: string; details: { conversations: number } }[] }>(`/api/console/audit?appKey=${app.appKey}`);
    expect(audit.body.entries.filter((entry) => entry.action === "conversations.remove").reduce((sum, entry) => sum + entry.details.conversations, 0)).toBe(2);
    const reported = async () => (await console_.get<Analytics>(`/api/console/apps/${app.appKey}/analytics?range=24h`)).body.buckets.reduce((sum, bucket) => sum + bucket.conversationsRemoved, 0);
    for (let tries = 0; tries < 50 && (await reported()) < 2; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await reported()).toBe(2);
  });
});

describe("inactive service channels", () => {
  it("go with their threads only when no thread was active either, and say so afterwards", async () => {
    const ben = await connectUser(server, app, "ben");
    clients.push(ben);
    expect((await api("/v4/service-channel/create", { channelId: "news", name: "News" })).status).toBe(200);
    await ben.subscribeServiceChannel("news");
    // A subscriber's message goes to their thread, news/ben.
    await ben.sendMessage({ channelType: ChannelType.service, channelId: "news", content: { content: "hello bot" } });
    await age("news", 31);
    // The sweep runs every second: a second and a half is three chances to remove it wrongly.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await channelRows("news")).toHaveLength(1);

    await age("news/ben", 31);
    for (let tries = 0; tries < 50 && (await channelRows("news")).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await channelRows("news")).toEqual([]);
    expect(await channelRows("news/ben")).toEqual([]);
    const broadcast = await api("/v4/service-channel/message/broadcast", { channelId: "news", messageType: "RC:TxtMsg", content: '{"content":"still there?"}' });
    expect(broadcast).toEqual({
      status: 404,
      body: { code: 1029, errorMessage: `Service channel news no longer exists: it was removed on ${new Date().toISOString().slice(0, 10)} after the app's inactivity period` },
    });
    expect((await api("/v4/service-channel/create", { channelId: "news", name: "News again" })).status).toBe(200);
    expect((await api("/v4/service-channel/get", { channelId: "news" })).status).toBe(200);
  });
});

describe("unique groups", () => {
  it("are created once per set of members: the same set again answers the first", async () => {
    await issueToken(server, app, "cal");
    const first = await api("/v4/group-channel/unique/create", { name: "Trio", owner: "ann", userIds: ["ben", "cal"] });
    expect(first).toEqual({ status: 200, body: { code: 0, result: { channelId: expect.stringMatching(/^unique-/), created: true } } });
    const { channelId } = first.body.result as { channelId: string };
    expect(await api("/v4/group-channel/unique/create", { name: "Trio again", owner: "cal", userIds: ["ann", "ben", "cal"] })).toEqual({ status: 200, body: { code: 0, result: { channelId, created: false } } });
    const pair = await api("/v4/group-channel/unique/create", { name: "Pair", owner: "ann", userIds: ["ben"] });
    expect((pair.body.result as { channelId: string }).channelId).not.toBe(channelId);
    expect(await api("/v4/group-channel/unique/create", { name: "Ghosts", owner: "ann", userIds: ["nobody"] })).toMatchObject({ status: 404, body: { code: 1010 } });
  });
});
