import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, type ChatMessage, type SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "./support/chat-clients";
import { callApi, connectUser, createTestApp, createUserClient, issueToken, operationSigner, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// System conversations are service channels (channel type 7): official accounts, bots and
// notification feeds that the app server runs and users subscribe to.
let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const service = ChannelType.service;

/** The app's webhook endpoint: every message:send event it receives. */
const routed: Record<string, unknown>[] = [];
const receiver = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    const envelope = JSON.parse(body) as { type: string; data: Record<string, unknown>[] };
    if (envelope.type === "message:send") routed.push(...envelope.data);
    response.end("ok");
  });
});

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await setAppSettings(server, app, { webhookEndpoints: [{ url, events: ["message:send"], style: "v4" }] });
  for (const userId of ["amy", "bob", "cal", "dan", "eve"]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
const result = async (path: string, body: Record<string, unknown>) => (await api(path, body)).body.result as Record<string, unknown>;
const text = (value: string) => JSON.stringify({ content: value });
const broadcast = (channelId: string, value: string) => api("/v4/service-channel/message/broadcast", { channelId, messageType: "RC:TxtMsg", content: text(value) });
const sendTo = (channelId: string, toUserIds: string[], value: string) => api("/v4/service-channel/message/send", { channelId, toUserIds, messageType: "RC:TxtMsg", content: text(value) });
const history = (body: Record<string, unknown>) =>
  result("/v4/service-channel/history-message/list", { startAt: Date.now() + 1000, endAt: Date.now() - 3600_000, includeStart: true, pageSize: 100, ...body });
const historyTexts = async (body: Record<string, unknown>) => ((await history(body)).messages as { content: string }[]).map((message) => JSON.parse(message.content).content);

async function connect(userId: string, platform: "web" | "mobile" = "web") {
  const client = await connectUser(server, app, userId, { platform });
  clients.push(client);
  return client;
}

/** A device with a recorder attached before it connects, so its catch-up is recorded too. */
async function connectRecorded(userId: string) {
  const client = await createUserClient(server, app, userId);
  clients.push(client);
  const events = recorder(client);
  await client.connect();
  await client.sync();
  return { client, events };
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

const ofService = (messages: ChatMessage[], channelId: string) => messages.filter((message) => message.channelType === service && message.channelId === channelId);
const quietly = () => new Promise((resolve) => setTimeout(resolve, 300));
const rowCount = async (sql: string, params: unknown[] = []) => Number((await server.database.query<{ count: number }>(sql, params))[0]!.count);
const serviceRows = () => rowCount(`SELECT COUNT(*) AS "count" FROM "Channel" WHERE "type" = 7`);
const messageRows = () => rowCount(`SELECT COUNT(*) AS "count" FROM "Message"`);

describe("system conversations (service channels)", () => {
  it("are created, read, listed and deleted through the server API, and clients cannot create them", async () => {
    expect(await api("/v4/service-channel/create", { channelId: "news", name: "News", profile: { avatarUrl: "https://example.com/n.png" } })).toEqual({ status: 200, body: { code: 0 } });
    expect(await api("/v4/service-channel/create", { channelId: "help", name: "Help desk" })).toEqual({ status: 200, body: { code: 0 } });
    expect(await result("/v4/service-channel/get", { channelId: "news" })).toEqual({
      channelId: "news",
      name: "News",
      profile: { avatarUrl: "https://example.com/n.png" },
      createdAt: expect.any(Number),
      subscriberCount: 0,
    });
    const first = await result("/v4/service-channel/list", { pageSize: 1 });
    expect(first).toMatchObject({ channels: [{ channelId: "news" }], pageToken: expect.stringMatching(/\S/) });
    expect(await result("/v4/service-channel/list", { pageSize: 1, pageToken: first.pageToken })).toMatchObject({ pageToken: "", channels: [{ channelId: "help", name: "Help desk", profile: {} }] });
    expect(((await result("/v4/service-channel/list", { order: 1 })).channels as { channelId: string }[]).map((channel) => channel.channelId)).toEqual(["help", "news"]);

    const amy = await connect("amy");
    const refused = await amy.centrifuge.rpc("serviceChannel.create", { channelId: "mine", name: "Mine" }).then(() => null, (error: { code: number }) => error.code);
    expect(refused).toBe(104);

    expect(await api("/v4/service-channel/create", { channelId: "gone", name: "Gone" })).toEqual({ status: 200, body: { code: 0 } });
    expect(await api("/v4/service-channel/delete", { channelId: "gone" })).toEqual({ status: 200, body: { code: 0 } });
    expect(await api("/v4/service-channel/get", { channelId: "gone" })).toEqual({ status: 404, body: { code: 1010, errorMessage: "Service channel gone does not exist" } });
  });

  it("take subscribers from clients, who may unsubscribe; the app reads the count and a paged list", async () => {
    for (const userId of ["amy", "bob", "cal"]) await (await connect(userId)).subscribeServiceChannel("news");
    // Subscribing again changes nothing.
    await (await connect("amy", "mobile")).subscribeServiceChannel("news");
    expect(await result("/v4/service-channel/get", { channelId: "news" })).toMatchObject({ subscriberCount: 3 });

    const page = await result("/v4/service-channel/subscriber/list", { channelId: "news", pageSize: 2 });
    expect(page).toEqual({ totalCount: 3, pageToken: expect.stringMatching(/\S/), subscribers: [{ userId: "amy", subscribedAt: expect.any(Number) }, { userId: "bob", subscribedAt: expect.any(Number) }] });
    expect(await result("/v4/service-channel/subscriber/list", { channelId: "news", pageSize: 2, pageToken: page.pageToken })).toMatchObject({ totalCount: 3, pageToken: "", subscribers: [{ userId: "cal" }] });

    const dan = await connect("dan");
    await dan.subscribeServiceChannel("news");
    await dan.unsubscribeServiceChannel("news");
    await dan.unsubscribeServiceChannel("news");
    expect(((await result("/v4/service-channel/subscriber/list", { channelId: "news", order: 1 })).subscribers as { userId: string }[]).map((entry) => entry.userId)).toEqual(["cal", "bob", "amy"]);
  });

  it("broadcast to every subscriber, live and through sync, and to nobody else", async () => {
    const amy = await connectRecorded("amy");
    const dan = await connectRecorded("dan");
    const sent = await broadcast("news", "Issue 1 is out");
    expect(sent).toEqual({ status: 200, body: { code: 0, result: { messageId: expect.any(String) } } });
    const messageId = (sent.body.result as { messageId: string }).messageId;
    await waitUntil(() => ofService(amy.events.messages, "news").length === 1);
    expect(ofService(amy.events.messages, "news")).toEqual([expect.objectContaining({ messageId, channelType: service, channelId: "news", senderId: "news", content: { content: "Issue 1 is out" } })]);
    expect(ofService(amy.events.messages, "news")[0]!.private).toBeUndefined();

    // Bob was offline: his next sync brings it; Eve, who never subscribed, gets nothing.
    const bob = await connectRecorded("bob");
    expect(ofService(bob.events.messages, "news").map((message) => message.messageId)).toEqual([messageId]);
    const eve = await connectRecorded("eve");
    await quietly();
    expect(ofService(dan.events.messages, "news")).toEqual([]);
    expect(ofService(eve.events.messages, "news")).toEqual([]);
    expect(await callError(eve.client.history({ channelType: service, channelId: "news" }))).toEqual({ code: 1023, message: "eve is not subscribed to service channel news" });
    expect((await bob.client.history({ channelType: service, channelId: "news" })).messages.map((message) => message.messageId)).toEqual([messageId]);
    expect(await historyTexts({ channelId: "news" })).toEqual(["Issue 1 is out"]);
  });

  it("send to chosen subscribers, whom alone the message reaches; naming someone not subscribed sends nothing", async () => {
    const amy = await connectRecorded("amy");
    const bob = await connectRecorded("bob");
    const sent = await sendTo("news", ["amy"], "Your renewal is due");
    expect(sent).toEqual({ status: 200, body: { code: 0, result: { messageIds: [{ userId: "amy", messageId: expect.any(String) }] } } });
    await waitUntil(() => amy.events.texts().includes("Your renewal is due"));
    expect(ofService(amy.events.messages, "news").at(-1)).toMatchObject({ channelId: "news", senderId: "news", private: true, content: { content: "Your renewal is due" } });

    const before = await messageRows();
    expect(await sendTo("news", ["amy", "eve"], "For you two")).toEqual({ status: 403, body: { code: 1023, errorMessage: "eve is not subscribed to service channel news" } });
    expect(await messageRows()).toBe(before);
    await quietly();
    expect(bob.events.texts()).not.toContain("Your renewal is due");
    const bobLater = await connectRecorded("bob");
    expect(bobLater.events.texts()).not.toContain("Your renewal is due");
  });

  it("keep what a subscriber writes to them and the app: their devices, the app's webhook and history, and the bot's answer reaches them alone", async () => {
    const amyPhone = await connectRecorded("amy");
    const amy = await connect("amy");
    const bob = await connectRecorded("bob");
    const question = await amy.sendServiceMessage({ channelId: "news", text: "How do I unsubscribe?" });
    expect(question).toMatchObject({ channelType: service, channelId: "news", senderId: "amy", private: true, seq: expect.any(Number) });
    await waitUntil(() => amyPhone.events.messages.some((message) => message.messageId === question.messageId));

    // The bot reads it from the app's webhook and answers that one subscriber.
    await waitUntil(() => routed.some((event) => event.messageId === question.messageId), 10_000);
    expect(routed.find((event) => event.messageId === question.messageId)).toMatchObject({
      fromUserId: "amy",
      channelType: service,
      channelId: "news",
      private: true,
      content: text("How do I unsubscribe?"),
      source: "client",
    });
    const answer = await sendTo("news", ["amy"], "Call serviceChannel.unsubscribe");
    expect(answer.status).toBe(200);
    await waitUntil(() => amyPhone.events.texts().includes("Call serviceChannel.unsubscribe"));

    await quietly();
    expect(bob.events.texts()).not.toContain("How do I unsubscribe?");
    expect(bob.events.texts()).not.toContain("Call serviceChannel.unsubscribe");
    const bobLater = await connectRecorded("bob");
    expect(bobLater.events.texts()).not.toContain("How do I unsubscribe?");
    expect((await bob.client.history({ channelType: service, channelId: "news" })).messages.map((message) => message.content.content)).toEqual(["Issue 1 is out"]);
    expect(await callError(bob.client.history({ channelType: service, channelId: "news", private: true }))).toEqual({ code: 1010, message: "bob has no conversation with news" });

    const thread = await amy.history({ channelType: service, channelId: "news", private: true });
    expect(thread.messages.map((message) => [message.senderId, message.content.content, message.private])).toEqual([
      ["news", "Call serviceChannel.unsubscribe", true],
      ["amy", "How do I unsubscribe?", true],
      ["news", "Your renewal is due", true],
    ]);
    expect(await historyTexts({ channelId: "news", userId: "amy" })).toEqual(["Call serviceChannel.unsubscribe", "How do I unsubscribe?", "Your renewal is due"]);
    expect(await historyTexts({ channelId: "news", userId: "bob" })).toEqual([]);
    expect(await historyTexts({ channelId: "news" })).toEqual(["Issue 1 is out"]);

    const listed = (await amy.listConversations()).conversations.filter((conversation) => conversation.channelType === service);
    expect(listed.map((conversation) => [conversation.channelId, conversation.private ?? false])).toEqual([
      ["news", true],
      ["news", false],
    ]);
    await amy.markRead({ channelType: service, channelId: "news", private: true, seq: thread.messages[0]!.seq! });
    const read = (await amy.listConversations()).conversations.find((conversation) => conversation.channelType === service && conversation.private);
    expect(read).toMatchObject({ unreadCount: 0 });
  });

  it("reach unsubscribed users no more: no broadcasts, no messages to them, and they cannot write", async () => {
    const cal = await connect("cal");
    await cal.unsubscribeServiceChannel("news");
    const calDevice = await connectRecorded("cal");
    const before = ofService(calDevice.events.messages, "news").length;
    expect((await broadcast("news", "Issue 2 is out")).status).toBe(200);
    expect(await sendTo("news", ["cal"], "Come back")).toEqual({ status: 403, body: { code: 1023, errorMessage: "cal is not subscribed to service channel news" } });
    expect(await callError(cal.sendServiceMessage({ channelId: "news", text: "hm" }))).toEqual({ code: 1023, message: "cal is not subscribed to service channel news" });
    await quietly();
    expect(ofService(calDevice.events.messages, "news")).toHaveLength(before);
    const calLater = await connectRecorded("cal");
    expect(calLater.events.texts()).not.toContain("Issue 2 is out");
    expect(await result("/v4/service-channel/get", { channelId: "news" })).toMatchObject({ subscriberCount: 2 });
  });

  it("see new subscribers receive what is sent from then on, not before", async () => {
    const eve = await connect("eve");
    await eve.subscribeServiceChannel("news");
    expect((await eve.history({ channelType: service, channelId: "news" })).messages).toEqual([]);
    expect((await broadcast("news", "Issue 3 is out")).status).toBe(200);
    expect((await eve.history({ channelType: service, channelId: "news" })).messages.map((message) => message.content.content)).toEqual(["Issue 3 is out"]);
  });

  it("are gone with every thread and subscription once deleted", async () => {
    const amy = await connect("amy");
    expect(await api("/v4/service-channel/delete", { channelId: "news" })).toEqual({ status: 200, body: { code: 0 } });
    expect(await rowCount(`SELECT COUNT(*) AS "count" FROM "Channel" WHERE "type" = 7 AND ("channelId" = 'news' OR "channelId" LIKE 'news/%')`)).toBe(0);
    expect(await callError(amy.sendServiceMessage({ channelId: "news", text: "hello?" }))).toEqual({ code: 1010, message: "Service channel news does not exist" });
    expect(await callError(amy.subscribeServiceChannel("news"))).toEqual({ code: 1010, message: "Service channel news does not exist" });
    expect(await broadcast("news", "Issue 4")).toEqual({ status: 404, body: { code: 1010, errorMessage: "Service channel news does not exist" } });
  });

  it("are the app's own: another app's key sees and changes none of them", async () => {
    const other = await createTestApp(server, "Other app");
    expect(await callApi(server, other, "/v4/service-channel/get", { channelId: "help" })).toEqual({ status: 404, body: { code: 1010, errorMessage: "Service channel help does not exist" } });
    expect(await callApi(server, other, "/v4/service-channel/list", {})).toEqual({ status: 200, body: { code: 0, result: { pageToken: "", channels: [] } } });
    expect(await callApi(server, other, "/v4/service-channel/delete", { channelId: "help" })).toMatchObject({ status: 404 });
    expect(await result("/v4/service-channel/get", { channelId: "help" })).toMatchObject({ channelId: "help" });
  });

  it("take a client's subscription only with its app server's signature when the app asks for it", async () => {
    const signing = await createTestApp(server, "Signing app");
    await setAppSettings(server, signing, { operationSignatures: ["join"] });
    expect((await callApi(server, signing, "/v4/service-channel/create", { channelId: "desk", name: "Desk" })).status).toBe(200);
    await issueToken(server, signing, "amy");
    const unsigned = await connectUser(server, signing, "amy");
    clients.push(unsigned);
    expect(await callError(unsigned.subscribeServiceChannel("desk"))).toEqual({
      code: 1027,
      message: 'This app requires its server\'s signature for "join": pass signature {timestamp, value} (hex HMAC-SHA256)',
    });
    const signed = await connectUser(server, signing, "amy", {
      signOperation: operationSigner(signing, "amy"),
    });
    clients.push(signed);
    await signed.subscribeServiceChannel("desk");
    expect((await callApi(server, signing, "/v4/service-channel/get", { channelId: "desk" })).body.result).toMatchObject({ subscriberCount: 1 });
  });

  it("leave no trace of a subscriber's first message that is refused after all", async () => {
    const dan = await connect("dan");
    await dan.subscribeServiceChannel("help");
    expect((await api("/v4/profanity-word/batch/add", { words: [{ word: "darn" }] })).status).toBe(200);
    const before = await messageRows();
    expect(await callError(dan.sendServiceMessage({ channelId: "help", text: "darn it" }))).toEqual({ code: 1024, message: "The message contains a word this app does not allow" });
    expect(await messageRows()).toBe(before);
    expect((await dan.listConversations()).conversations.filter((conversation) => conversation.channelType === service).map((conversation) => [conversation.channelId, conversation.private ?? false])).toEqual([["help", false]]);
    expect(await historyTexts({ channelId: "help", userId: "dan" })).toEqual([]);
    expect((await api("/v4/profanity-word/remove", { word: "darn" })).status).toBe(200);
  });

  const idRule = "must be 1 to 64 characters of letters, digits and _ - = + @ .";
  it.each([
    { path: "/v4/service-channel/create", body: { channelId: "a/b", name: "N" }, status: 400, code: 1002, errorMessage: `channelId ${idRule}` },
    { path: "/v4/service-channel/create", body: { channelId: "fresh", name: "" }, status: 400, code: 1002, errorMessage: "name must be 1 to 64 characters" },
    { path: "/v4/service-channel/create", body: { channelId: "fresh", name: "x".repeat(65) }, status: 400, code: 1002, errorMessage: "name must be 1 to 64 characters" },
    { path: "/v4/service-channel/create", body: { channelId: "fresh", name: "N", profile: { text: "x".repeat(9000) } }, status: 400, code: 1002, errorMessage: "profile exceeds 8192 bytes" },
    { path: "/v4/service-channel/create", body: { channelId: "help", name: "Again" }, status: 409, code: 1011, errorMessage: "Service channel help exists already" },
    { path: "/v4/service-channel/create", body: { channelId: "fresh" }, status: 400, code: 1002, errorMessage: "name: Invalid input: expected string, received undefined" },
    { path: "/v4/service-channel/get", body: { channelId: "nothing" }, status: 404, code: 1010, errorMessage: "Service channel nothing does not exist" },
    { path: "/v4/service-channel/delete", body: { channelId: "nothing" }, status: 404, code: 1010, errorMessage: "Service channel nothing does not exist" },
    { path: "/v4/service-channel/list", body: { pageSize: 101 }, status: 400, code: 1002, errorMessage: "pageSize must be 1 to 100" },
    { path: "/v4/service-channel/subscriber/list", body: { channelId: "nothing" }, status: 404, code: 1010, errorMessage: "Service channel nothing does not exist" },
    { path: "/v4/service-channel/subscriber/list", body: { channelId: "help", order: 2 }, status: 400, code: 1002, errorMessage: "order must be 0 (oldest first) or 1 (newest first)" },
    { path: "/v4/service-channel/message/broadcast", body: { channelId: "nothing", messageType: "RC:TxtMsg", content: text("x") }, status: 404, code: 1010, errorMessage: "Service channel nothing does not exist" },
    { path: "/v4/service-channel/message/broadcast", body: { channelId: "help", messageType: "RC:TxtMsg", content: "{}" }, status: 400, code: 1002, errorMessage: "a text message (RC:TxtMsg) needs content.content, a non-empty string" },
    { path: "/v4/service-channel/message/send", body: { channelId: "help", toUserIds: [], messageType: "RC:TxtMsg", content: text("x") }, status: 400, code: 1002, errorMessage: "toUserIds must hold 1 to 1000 user ids" },
    { path: "/v4/service-channel/message/send", body: { channelId: "help", toUserIds: ["amy"], messageType: "RC:TxtMsg", content: text("x") }, status: 403, code: 1023, errorMessage: "amy is not subscribed to service channel help" },
    { path: "/v4/service-channel/message/send", body: { channelId: "help", fromUserId: "not one", toUserIds: ["amy"], messageType: "RC:TxtMsg", content: text("x") }, status: 400, code: 1002, errorMessage: `fromUserId ${idRule}` },
    { path: "/v4/service-channel/history-message/list", body: { channelId: "help", startAt: 1, endAt: 2, includeStart: true }, status: 400, code: 1002, errorMessage: "startAt must not be before endAt: the page runs from startAt back to endAt" },
    { path: "/v4/service-channel/history-message/list", body: { channelId: "nothing", startAt: 2, endAt: 1, includeStart: true }, status: 404, code: 1010, errorMessage: "Service channel nothing does not exist" },
  ])("refuse $path with $body, changing nothing", async ({ path, body, status, code, errorMessage }) => {
    const before = [await serviceRows(), await messageRows()];
    expect(await api(path, body)).toEqual({ status, body: { code, errorMessage } });
    expect([await serviceRows(), await messageRows()]).toEqual(before);
  });

  it("refuse clients subscribing to or writing to a channel that does not exist", async () => {
    const dan = await connect("dan");
    expect(await callError(dan.subscribeServiceChannel("nothing"))).toEqual({ code: 1010, message: "Service channel nothing does not exist" });
    expect(await callError(dan.unsubscribeServiceChannel("nothing"))).toEqual({ code: 1010, message: "Service channel nothing does not exist" });
    expect(await callError(dan.sendServiceMessage({ channelId: "nothing", text: "x" }))).toEqual({ code: 1010, message: "Service channel nothing does not exist" });
    expect(await callError(dan.subscribeServiceChannel("a/b"))).toEqual({ code: 1002, message: `channelId ${idRule}` });
  });
});
