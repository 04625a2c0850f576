import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import type { Analytics } from "../components/analytics/analytics-queries";
import { ageRows, recorder, waitUntil } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, callLegacyApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const ok = { status: 200, body: { code: 0 } };
const minuteMs = 60_000;

beforeAll(async () => {
  // Sweeps every second, so that tests see expiry at once after ageing rows.
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

async function connect(userId: string, inApp = app) {
  const client = await connectUser(server, inApp, userId);
  clients.push(client);
  return client;
}

const api = (path: string, body: Record<string, unknown>, inApp = app) => callApi(server, inApp, path, body);
const text = (content: string) => JSON.stringify({ content });
const serverSend = (channelId: string, content: string, extra: Record<string, unknown> = {}, inApp = app) =>
  api("/v4/open-channel/message/send", { fromUserId: "host", toChannelIds: [channelId], messageType: "RC:TxtMsg", content: text(content), ...extra }, inApp);

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

describe("open channels", () => {
  it("deliver to online participants only, with no offline messages", async () => {
    expect(await api("/v4/open-channel/create", { channelId: "stage" })).toEqual(ok);
    const viewers = await Promise.all(["v1", "v2", "v3", "v4"].map((userId) => connect(userId)));
    for (const viewer of viewers) await viewer.joinOpenChannel({ channelId: "stage" });
    const online = viewers.slice(0, 3).map(recorder);
    viewers[3]!.disconnect();
    const outsider = recorder(await connect("v5"));

    expect((await serverSend("stage", "live!")).status).toBe(200);
    for (const viewer of online) expect((await viewer.waitForMessages(1)).map((m) => m.content.content)).toEqual(["live!"]);
    expect(outsider.messages).toEqual([]);

    const returning = await connectUser(server, app, "v4");
    clients.push(returning);
    const events = recorder(returning);
    await returning.sync();
    expect(events.messages).toEqual([]);
    expect((await api("/v4/open-channel/get", { channelId: "stage" })).body.result).toMatchObject({ channelId: "stage", participantCount: 4, destroyType: 0, ttlMinutes: 60, isFrozen: false });
    const listed = (await api("/v4/open-channel/participant/list", { channelId: "stage", order: 0 })).body.result as { total: number; participants: { participantId: string }[] };
    expect(listed.total).toBe(4);
    expect(listed.participants.map((p) => p.participantId)).toEqual(["v1", "v2", "v3", "v4"]);
    expect((await api("/v4/open-channel/participant/exist", { channelId: "stage", participantIds: ["v1", "v5"] })).body.result).toEqual({
      participants: [
        { participantId: "v1", isInOpenChannel: 1 },
        { participantId: "v5", isInOpenChannel: 0 },
      ],
    });
  });

  it("give a joining client the latest 50 messages, oldest first", async () => {
    await api("/v4/open-channel/create", { channelId: "backlog" });
    await issueToken(server, app, "host");
    for (let i = 1; i <= 55; i++) await serverSend("backlog", `m${i}`);
    const late = await connect("late");
    const { messages } = await late.joinOpenChannel({ channelId: "backlog" });
    expect(messages.map((m) => m.content.content)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 6}`));
    expect((await late.joinOpenChannel({ channelId: "backlog", historyCount: 2 })).messages.map((m) => m.seq)).toEqual([54, 55]);
  });

  it("keep a user in one open channel at a time unless the app lifts the rule", async () => {
    for (const channelId of ["room-a", "room-b"]) await api("/v4/open-channel/create", { channelId });
    const hopper = await connect("hopper");
    const events = recorder(hopper);
    await hopper.joinOpenChannel({ channelId: "room-a" });
    await hopper.joinOpenChannel({ channelId: "room-b" });
    expect((await api("/v4/open-channel/participant/exist", { channelId: "room-a", participantIds: ["hopper"] })).body.result).toEqual({
      participants: [{ participantId: "hopper", isInOpenChannel: 0 }],
    });
    await serverSend("room-a", "not for you");
    await serverSend("room-b", "for you");
    expect((await events.waitForMessages(1)).map((m) => m.content.content)).toEqual(["for you"]);

    const lifted = await createTestApp(server, "Many rooms");
    await setAppSettings(server, lifted, { openChannelOneAtATime: false });
    for (const channelId of ["room-a", "room-b"]) await api("/v4/open-channel/create", { channelId }, lifted);
    const roamer = await connect("roamer", lifted);
    await roamer.joinOpenChannel({ channelId: "room-a" });
    await roamer.joinOpenChannel({ channelId: "room-b" });
    const both = (await api("/v4/open-channel/participant/exist", { channelId: "room-a", participantIds: ["roamer"] }, lifted)).body.result;
    expect(both).toEqual({ participants: [{ participantId: "roamer", isInOpenChannel: 1 }] });
  });

  it("tell a participant who left because they joined another channel", async () => {
    for (const channelId of ["hall-1", "hall-2"]) await api("/v4/open-channel/create", { channelId });
    const walker = await connect("walker");
    const left: { channelId: string; reason: string }[] = [];
    walker.on("openChannelLeft", (event) => left.push(event));
    await walker.joinOpenChannel({ channelId: "hall-1" });
    await walker.joinOpenChannel({ channelId: "hall-2" });
    await waitUntil(() => left.length === 1);
    expect(left).toEqual([{ channelId: "hall-1", reason: "joinedAnother" }]);
  });
});

describe("lifetimes", () => {
  const channelRow = (channelId: string) => ({ table: "Channel", where: { channelId } });

  it("destroy a channel at its fixed time, telling its participants", async () => {
    await api("/v4/open-channel/create", { channelId: "timed", destroyType: 1, ttlMinutes: 60 });
    const guest = await connect("guest");
    const left: { channelId: string; reason: string }[] = [];
    guest.on("openChannelLeft", (event) => left.push(event));
    await guest.joinOpenChannel({ channelId: "timed" });
    await ageRows(server.database, { ...channelRow("timed"), columns: ["createdAt"], ms: 61 * minuteMs });
    await waitUntil(() => left.length === 1, 5000);
    expect(left).toEqual([{ channelId: "timed", reason: "destroyed" }]);
    expect((await api("/v4/open-channel/get", { channelId: "timed" })).status).toBe(404);
  });

  it("destroy an inactive channel only when nobody is in it", async () => {
    await api("/v4/open-channel/create", { channelId: "quiet", destroyType: 0, ttlMinutes: 60 });
    await api("/v4/open-channel/create", { channelId: "occupied", destroyType: 0, ttlMinutes: 60 });
    await (await connect("sitter")).joinOpenChannel({ channelId: "occupied" });
    for (const channelId of ["quiet", "occupied"]) await ageRows(server.database, { ...channelRow(channelId), columns: ["createdAt", "updatedAt", "lastActiveAt"], ms: 61 * minuteMs });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await api("/v4/open-channel/get", { channelId: "quiet" })).status).toBe(404);
    expect((await api("/v4/open-channel/get", { channelId: "occupied" })).status).toBe(200);
  });

  it("remove a participant whose devices were all offline for 30 minutes", async () => {
    await api("/v4/open-channel/create", { channelId: "lobby" });
    const napper = await connect("napper");
    await napper.joinOpenChannel({ channelId: "lobby" });
    napper.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await ageRows(server.database, { table: "OpenChannelParticipant", where: { userId: "napper" }, columns: ["lastSeenAt"], ms: 31 * minuteMs });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await api("/v4/open-channel/participant/exist", { channelId: "lobby", participantIds: ["napper"] })).body.result).toEqual({
      participants: [{ participantId: "napper", isInOpenChannel: 0 }],
    });
  });
});

describe("moderation", () => {
  it("mutes, bans (kicking out), freezes and lets allowed senders through", async () => {
    await api("/v4/open-channel/create", { channelId: "arena" });
    const [loud, rude, vip] = await Promise.all(["loud", "rude", "vip"].map((userId) => connect(userId)));
    for (const client of [loud!, rude!, vip!]) await client.joinOpenChannel({ channelId: "arena" });
    const rudeLeft: { reason: string }[] = [];
    rude!.on("openChannelLeft", (event) => rudeLeft.push(event));

    expect(await api("/v4/open-channel/participant/mute-list/add", { channelId: "arena", participantIds: ["loud"], durationMinutes: 10 })).toEqual(ok);
    expect(await callError(loud!.sendOpenChannelMessage({ channelId: "arena", text: "hey" }))).toEqual({ code: 1022, message: "You are muted in open channel arena" });
    const muted = (await api("/v4/open-channel/participant/mute-list/get", { channelId: "arena" })).body.result as { mutedParticipants: { participantId: string; muteExpiresAt: string }[] };
    expect(muted.mutedParticipants).toEqual([{ participantId: "loud", muteExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }]);

    expect(await api("/v4/open-channel/participant/ban-list/add", { channelId: "arena", participantIds: ["rude"], durationMinutes: 10 })).toEqual(ok);
    await waitUntil(() => rudeLeft.length === 1);
    expect(rudeLeft).toEqual([{ channelId: "arena", reason: "banned" }]);
    expect(await callError(rude!.joinOpenChannel({ channelId: "arena" }))).toEqual({ code: 1009, message: "rude is banned from open channel arena" });

    expect(await api("/v4/open-channel/freeze-list/add", { channelId: "arena" })).toEqual(ok);
    expect((await api("/v4/open-channel/freeze/check", { channelId: "arena" })).body.result).toEqual({ status: 1 });
    expect(await callError(vip!.sendOpenChannelMessage({ channelId: "arena", text: "hi" }))).toEqual({ code: 1025, message: "Open channel arena is frozen: only its allowed senders may send" });
    expect(await api("/v4/open-channel/participant/allowed-sender-list/add", { channelId: "arena", participantIds: ["vip", "loud"] })).toEqual(ok);
    expect((await vip!.sendOpenChannelMessage({ channelId: "arena", text: "hi" })).seq).toBe(1);
    expect((await loud!.sendOpenChannelMessage({ channelId: "arena", text: "allowed" })).seq).toBe(2);
    expect((await api("/v4/open-channel/freeze-list/get", {})).body.result).toEqual({ channelIds: ["arena"] });
  });

  it("mutes users in every open channel of the app", async () => {
    await api("/v4/open-channel/create", { channelId: "square" });
    const chatter = await connect("chatter");
    await chatter.joinOpenChannel({ channelId: "square" });
    expect(await api("/v4/open-channel/global-mute-list/add", { participantIds: ["chatter"], durationMinutes: 5 })).toEqual(ok);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await callError(chatter.sendOpenChannelMessage({ channelId: "square", text: "x" }))).toMatchObject({ code: 1022 });
    expect(((await api("/v4/open-channel/global-mute-list/get", {})).body.result as { mutedParticipants: unknown[] }).mutedParticipants).toHaveLength(1);
    expect(await api("/v4/open-channel/global-mute-list/remove", { participantIds: ["chatter"] })).toEqual(ok);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await chatter.sendOpenChannelMessage({ channelId: "square", text: "back" })).seq).toBe(1);
  });

  it("refuse senders who did not join, and bad lifetimes, changing nothing", async () => {
    await api("/v4/open-channel/create", { channelId: "closed-door" });
    const stranger = await connect("stranger");
    expect(await callError(stranger.sendOpenChannelMessage({ channelId: "closed-door", text: "hi" }))).toEqual({
      code: 1023,
      message: "stranger is not in open channel closed-door: join it first",
    });
    expect(await callError(stranger.joinOpenChannel({ channelId: "nowhere" }))).toEqual({ code: 1010, message: "Open channel nowhere does not exist" });
    expect(await api("/v4/open-channel/create", { channelId: "bad-ttl", ttlMinutes: 59 })).toEqual({ status: 400, body: { code: 1002, errorMessage: "ttlMinutes must be 60 to 10080" } });
    expect(await api("/v4/open-channel/create", { channelId: "closed-door" })).toMatchObject({ status: 409, body: { code: 1011 } });
    expect((await api("/v4/open-channel/get", { channelId: "bad-ttl" })).status).toBe(404);
  });
});

describe("load", () => {
  it("drops low-priority types first and priority senders and types never, beyond the channel's capacity", async () => {
    const busy = await createTestApp(server, "Busy rooms", "production");
    await setAppSettings(server, busy, { openChannelMessagesPerSecond: 4 });
    for (const userId of ["host", "star"]) await issueToken(server, busy, userId);
    await api("/v4/open-channel/low-priority-message-type-list/add", { messageTypes: ["App:Like"] }, busy);
    await api("/v4/open-channel/priority-message-type-list/add", { messageTypes: ["App:Gift"] }, busy);
    expect((await api("/v4/open-channel/low-priority-message-type-list/get", {}, busy)).body.result).toEqual({ messageTypes: ["App:Like"] });

    // Capacity is counted per second: a burst that straddles two seconds is tried again on a fresh channel.
    let drops = 0;
    let statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const channelId = `concert-${attempt}`;
      await api("/v4/open-channel/create", { channelId }, busy);
      await api("/v4/open-channel/priority-sender-list/add", { channelId, participantIds: ["star"] }, busy);
      const send = (messageType: string, fromUserId = "host") =>
        api("/v4/open-channel/message/send", { fromUserId, toChannelIds: [channelId], messageType, content: "{}" }, busy).then((answer) => answer.status);
      while (Date.now() % 1000 > 200) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = Math.floor(Date.now() / 1000);
      statuses = [];
      for (const messageType of ["App:Like", "App:Like", "App:Like", "App:Note", "App:Note", "App:Note", "App:Gift"]) statuses.push(await send(messageType));
      statuses.push(await send("App:Note", "star"));
      drops += statuses.filter((status) => status === 429).length;
      if (Math.floor(Date.now() / 1000) === second) break;
    }
    // Capacity 4: the third like is over the low-priority half; a refused message takes no capacity, so two notes pass and the third is over.
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200, 200]);
    // Drops are counted per app, saved every few seconds, and reported by the console's analytics.
    const console_ = await signInToConsole(server);
    const dropped = async () => {
      const analytics = await console_.get<Analytics>(`/api/console/apps/${busy.appKey}/analytics?range=24h`);
      return analytics.body.buckets.reduce((sum, bucket) => sum + bucket.openChannelMessagesDropped, 0);
    };
    for (let tries = 0; tries < 50 && (await dropped()) < drops; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await dropped()).toBe(drops);
  });
});

describe("metadata", () => {
  it("is set by its owner, read by anyone, and removed with its owner when asked", async () => {
    await api("/v4/open-channel/create", { channelId: "studio", metadataOwnerId: "anchor", metadata: { topic: "news" } });
    const anchor = await connect("anchor");
    await anchor.joinOpenChannel({ channelId: "studio" });
    expect(await api("/v4/open-channel/metadata/batch/set", { channelId: "studio", metadataOwnerId: "anchor", metadata: { seat: "1" }, shouldAutoDelete: 1 })).toEqual(ok);
    expect(await api("/v4/open-channel/metadata/batch/set", { channelId: "studio", metadataOwnerId: "intruder", metadata: { topic: "mine" } })).toEqual({
      status: 403,
      body: { code: 1009, errorMessage: "Metadata key topic belongs to anchor" },
    });
    const keys = async () => ((await api("/v4/open-channel/metadata/batch/get", { channelId: "studio" })).body.result as { metadata: { key: string }[] }).metadata.map((entry) => entry.key);
    expect(await keys()).toEqual(["seat", "topic"]);
    await anchor.leaveOpenChannel("studio");
    expect(await keys()).toEqual(["topic"]);
    expect(await api("/v4/open-channel/metadata/batch/remove", { channelId: "studio", metadataOwnerId: "anchor", metadataKeys: ["topic"] })).toEqual(ok);
    expect(await keys()).toEqual([]);
  });

  it("history lists an open channel's stored messages", async () => {
    await api("/v4/open-channel/create", { channelId: "archive" });
    await issueToken(server, app, "host");
    await serverSend("archive", "first");
    const listed = await api("/v4/open-channel/history-message/list", { userId: "host", channelId: "archive", startAt: Date.now() + 1000, endAt: Date.now() - 60_000, includeStart: true });
    expect((listed.body.result as { messages: { content: string }[] }).messages.map((m) => JSON.parse(m.content).content)).toEqual(["first"]);
  });
});

describe("the older API's chat rooms", () => {
  const legacy = (path: string, fields: Record<string, string | string[]>) => callLegacyApi(server, app, path, fields);
  const legacyOk = { status: 200, body: { code: 200 } };

  it("create, query, publish to and destroy chat rooms", async () => {
    expect(await legacy("/chatroom/create.json", { "chatroom[old-1]": "One", "chatroom[old-2]": "Two" })).toEqual(legacyOk);
    expect(await legacy("/chatroom/create.json", { "chatroom[old-1]": "Again" })).toEqual(legacyOk);
    expect(await legacy("/chatroom/create_new.json", { chatroomId: "old-3", destroyType: "1", destroyTime: "120", isBan: "true", whiteUserIds: ["mc"], entryOwnerId: "mc", entryInfo: '{"title":"show"}' })).toEqual(legacyOk);
    expect((await legacy("/chatroom/get.json", { chatroomId: "old-3" })).body).toEqual({
      code: 200,
      chatroomId: "old-3",
      createTime: expect.any(Number),
      memberCount: 0,
      destroyType: 1,
      destroyTime: 120,
      isBan: true,
    });
    expect((await api("/v4/open-channel/metadata/batch/get", { channelId: "old-3" })).body.result).toMatchObject({ metadata: [{ key: "title", value: "show", metadataOwnerId: "mc" }] });

    const fan = await connect("fan");
    const events = recorder(fan);
    await fan.joinOpenChannel({ channelId: "old-1" });
    expect((await legacy("/chatroom/user/query.json", { chatroomId: "old-1", count: "10", order: "1" })).body).toEqual({
      code: 200,
      total: 1,
      users: [{ id: "fan", time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }],
    });
    expect((await legacy("/chatroom/user/exist.json", { chatroomId: "old-1", userId: "fan" })).body).toEqual({ code: 200, isInChrm: true });
    await issueToken(server, app, "host");
    expect(await legacy("/message/chatroom/publish.json", { fromUserId: "host", toChatroomId: ["old-1", "old-2"], objectName: "RC:TxtMsg", content: text("form") })).toEqual(legacyOk);
    expect(await legacy("/message/chatroom/broadcast.json", { fromUserId: "host", objectName: "RC:TxtMsg", content: text("everywhere") })).toEqual(legacyOk);
    expect((await events.waitForMessages(2)).map((m) => m.content.content)).toEqual(["form", "everywhere"]);

    expect(await legacy("/chatroom/destroy.json", { chatroomId: ["old-1", "old-2", "old-3"] })).toEqual(legacyOk);
    expect((await legacy("/chatroom/get.json", { chatroomId: "old-1" })).status).toBe(404);
    expect((await legacy("/chatroom/create_new.json", { chatroomId: "old-4", entryInfo: "[1]", entryOwnerId: "mc" })).body).toEqual({ code: 1002, errorMessage: "entryInfo must be a JSON object of strings" });
  });
});
