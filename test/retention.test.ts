import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analytics } from "../components/analytics/analytics-queries";
import { ChannelType, type SwitchboardClient } from "@switchboard/sdk";
import { ageMessages } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The retention job runs on every sweep: each second here.
let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const dayMs = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server, "Retention");
  await setAppSettings(server, app, { historyRetentionDays: 30, clientMessagesPerSecond: 100 });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const storedIds = async (ids: string[]) => (await server.database.query<{ id: string }>(`SELECT "id" FROM "Message" WHERE "id" IN (${ids.map((_, index) => `$${index + 1}`).join(", ")})`, ids)).map((row) => row.id).sort();

describe("history retention", () => {
  it("deletes messages older than the app keeps them, per channel kind, and reports how many", async () => {
    for (const userId of ["ann", "ben"]) await issueToken(server, app, userId);
    await callApi(server, app, "/v4/group-channel/create", { channelId: "team", name: "Team", owner: "ann", userIds: ["ann", "ben"] });
    await callApi(server, app, "/v4/community-channel/create", { userId: "ann", channelId: "guild", name: "Guild" });
    const ann = await connectUser(server, app, "ann");
    clients.push(ann);
    const send = async (channel: "direct" | "group" | "community", text: string) =>
      (channel === "direct" ? await ann.sendDirectMessage({ to: "ben", text }) : channel === "group" ? await ann.sendGroupMessage({ groupId: "team", text }) : await ann.sendCommunityMessage({ communityId: "guild", text })).messageId;
    const expired = [await send("direct", "31 days old"), await send("group", "31 days old"), await send("community", "8 days old")];
    const kept = [await send("direct", "29 days old"), await send("group", "today"), await send("community", "6 days old")];
    await ageMessages(server.database, expired.slice(0, 2), 31 * dayMs);
    await ageMessages(server.database, [kept[0]!], 29 * dayMs);
    // Communities keep their own window (7 days by default).
    await ageMessages(server.database, [expired[2]!], 8 * dayMs);
    await ageMessages(server.database, [kept[2]!], 6 * dayMs);

    for (let tries = 0; tries < 50 && (await storedIds(expired)).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await storedIds(expired)).toEqual([]);
    expect(await storedIds(kept)).toEqual([...kept].sort());
    const history = await ann.history({ channelType: ChannelType.direct, channelId: "ben" });
    expect(history.messages.map((message) => message.content.content)).toEqual(["29 days old"]);

    const console_ = await signInToConsole(server);
    const audit = await console_.get<{ entries: { action: string; operatorEmail: string; details: { messages: number } }[] }>(`/api/console/audit?appKey=${app.appKey}`);
    const expiries = audit.body.entries.filter((entry) => entry.action === "messages.expire");
    expect(expiries.every((entry) => entry.operatorEmail === "history retention")).toBe(true);
    expect(expiries.reduce((sum, entry) => sum + entry.details.messages, 0)).toBe(3);
    const reported = async () => (await console_.get<Analytics>(`/api/console/apps/${app.appKey}/analytics?range=24h`)).body.buckets.reduce((sum, bucket) => sum + bucket.messagesExpired, 0);
    for (let tries = 0; tries < 50 && (await reported()) < 3; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await reported()).toBe(3);
  });

  it("refuses a retention outside 1 to 3650 days and keeps the one set", async () => {
    const console_ = await signInToConsole(server);
    const refused = await console_.send("PATCH", `/api/console/apps/${app.appKey}/settings`, { historyRetentionDays: 0 });
    expect(refused).toEqual({ status: 400, body: { code: 1002, errorMessage: "historyRetentionDays: Too small: expected number to be >=1" } });
    expect((await console_.get<{ settings: { historyRetentionDays: number } }>(`/api/console/apps/${app.appKey}/settings`)).body.settings.historyRetentionDays).toBe(30);
  });
});
