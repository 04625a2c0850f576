import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwitchboardClient } from "@switchboard/sdk";
import { callApi, callLegacyApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

type Message = { messageId: string; channelType: number; channelId: string; senderId: string; seq?: number; content: Record<string, unknown>; recalled?: true; editedAt?: number; metadata?: Record<string, { value: string }> };
type Publication = { type: string; message: Message };
type Answer = Awaited<ReturnType<typeof callApi>>;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["ann", "ben", "cat", "dan", "eve", "ops"]) await issueToken(server, app, userId);
  await api("/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "ann", userIds: ["ben", "cat"] });
  await api("/v4/profanity-word/batch/add", { words: [{ word: "forbidden" }] });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const api = (path: string, body: unknown) => callApi(server, app, path, body);
const legacy = (path: string, fields: Record<string, string | string[]>) => callLegacyApi(server, app, path, fields);
const text = (content: string) => JSON.stringify({ content });
const result = <T>(answer: Answer) => answer.body.result as T;
const ok = { status: 200, body: { code: 0 } };

/** A connected client and every publication its personal subscription receives. */
async function online(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  const received: Publication[] = [];
  client.centrifuge.on("publication", (context) => received.push(context.data as Publication));
  return { client, received, messageIds: () => received.map((publication) => publication.message?.messageId) };
}

const sync = async (client: SwitchboardClient) => ((await client.centrifuge.rpc("sync", {})).data as { messages: Message[] }).messages;
const history = (path: string, body: Record<string, unknown>) => api(path, { startAt: Date.now() + 1000, endAt: Date.now() - 60_000, pageSize: 100, includeStart: true, ...body });
const historyIds = async (path: string, body: Record<string, unknown>) => result<{ messages: { messageId: string }[] }>(await history(path, body)).messages.map((message) => message.messageId);

async function sendDirect(body: Record<string, unknown>) {
  const answer = await api("/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: text("hi"), ...body });
  return result<{ messageIds: { userId: string; messageId: string }[] }>(answer).messageIds;
}

describe("direct messages from the app server", () => {
  it("reach each recipient's connected client, one message per recipient, and are stored", async () => {
    const ben = await online("ben");
    const cat = await online("cat");
    const sent = await sendDirect({ toUserIds: ["ben", "cat"], content: text("to both") });
    expect(sent.map((entry) => entry.userId)).toEqual(["ben", "cat"]);
    await expect.poll(() => ben.messageIds()).toContain(sent[0]!.messageId);
    await expect.poll(() => cat.messageIds()).toContain(sent[1]!.messageId);
    expect(ben.received.find((publication) => publication.message.messageId === sent[0]!.messageId)).toMatchObject({
      type: "message",
      message: { channelType: 1, channelId: "ben", senderId: "ann", content: { content: "to both" } },
    });
    expect(await historyIds("/v4/direct-channel/history-message/list", { userId: "ben", channelId: "ann" })).toContain(sent[0]!.messageId);
  });

  it("reach the sender's own connected client only with isEchoToSender 1", async () => {
    const ann = await online("ann");
    const [quiet] = await sendDirect({ content: text("no echo") });
    const [echoed] = await sendDirect({ content: text("echo"), isEchoToSender: 1 });
    await expect.poll(() => ann.messageIds()).toContain(echoed!.messageId);
    expect(ann.messageIds()).not.toContain(quiet!.messageId);
  });

  it("with shouldPersist 0 are delivered to connected clients and never stored", async () => {
    const dan = await online("dan");
    const [live] = await sendDirect({ toUserIds: ["dan"], content: text("live only"), shouldPersist: 0 });
    await expect.poll(() => dan.messageIds()).toContain(live!.messageId);
    expect(dan.received.find((publication) => publication.message.messageId === live!.messageId)?.message.seq).toBeUndefined();
    expect(await historyIds("/v4/direct-channel/history-message/list", { userId: "dan", channelId: "ann" })).not.toContain(live!.messageId);
  });

  it("leave out recipients who blocked the sender when asked to verify the blocklist", async () => {
    await api("/v4/user/blocklist/add", { userId: "eve", targetUserIds: ["ann"] });
    const sent = await sendDirect({ toUserIds: ["eve", "ben"], verifyBlocklist: 1 });
    expect(sent.map((entry) => entry.userId)).toEqual(["ben"]);
    expect(await sendDirect({ toUserIds: ["eve"] })).toHaveLength(1);
    await api("/v4/user/blocklist/remove", { userId: "eve", blockedUserIds: ["ann"] });
  });

  it("are stored with the metadata they are sent with, which recipients see at once and in history", async () => {
    const cat = await online("cat");
    const [sent] = await sendDirect({ toUserIds: ["cat"], content: text("poll"), hasMetadata: true, metadata: { yes: "0", no: "0" } });
    await expect.poll(() => cat.messageIds()).toContain(sent!.messageId);
    const live = cat.received.find((publication) => publication.message.messageId === sent!.messageId)!.message;
    expect(live.metadata).toEqual({ yes: { value: "0", userId: "ann", updatedAt: expect.any(Number) }, no: { value: "0", userId: "ann", updatedAt: expect.any(Number) } });
    const listed = result<{ messages: { messageId: string; hasMetadata: boolean; metadata?: { key: string; value: string }[] }[] }>(
      await history("/v4/direct-channel/history-message/list", { userId: "cat", channelId: "ann" }),
    ).messages.find((message) => message.messageId === sent!.messageId)!;
    expect(listed).toMatchObject({ hasMetadata: true, metadata: [expect.objectContaining({ key: "no", value: "0" }), expect.objectContaining({ key: "yes", value: "0" })] });

    const before = await historyIds("/v4/direct-channel/history-message/list", { userId: "cat", channelId: "ann" });
    expect(await api("/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["cat"], messageType: "RC:TxtMsg", content: text("bad"), metadata: { "no spaces": "1" } })).toMatchObject({
      status: 400,
      body: { code: 1002 },
    });
    expect(await api("/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["cat"], messageType: "RC:TxtMsg", content: text("bad"), metadata: { count: 1 } })).toEqual({
      status: 400,
      body: { code: 1002, errorMessage: "metadata values are strings of at most 4096 characters" },
    });
    expect(await historyIds("/v4/direct-channel/history-message/list", { userId: "cat", channelId: "ann" })).toEqual(before);
  });
});

describe("group and system messages from the app server", () => {
  it("reach the group's connected members, directed ones only the named members", async () => {
    const ben = await online("ben");
    const cat = await online("cat");
    const mention = JSON.stringify({ content: "@ben look", mentionedInfo: { type: 2, userIdList: ["ben"] } });
    const all = await api("/v4/group-channel/message/send", { fromUserId: "ann", toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: mention, hasMention: 1 });
    const [toGroup] = result<{ messageIds: { channelId: string; messageId: string }[] }>(all).messageIds;
    expect(toGroup!.channelId).toBe("crew");
    await expect.poll(() => ben.messageIds()).toContain(toGroup!.messageId);
    await expect.poll(() => cat.messageIds()).toContain(toGroup!.messageId);
    expect(ben.received.find((publication) => publication.message.messageId === toGroup!.messageId)?.message.content).toEqual(JSON.parse(mention));

    const directed = await api("/v4/group-channel/message/send", { fromUserId: "ann", toChannelIds: ["crew"], toUserIds: ["cat"], messageType: "RC:TxtMsg", content: text("psst") });
    const [onlyCat] = result<{ messageIds: { messageId: string }[] }>(directed).messageIds;
    await expect.poll(() => cat.messageIds()).toContain(onlyCat!.messageId);
    expect(ben.messageIds()).not.toContain(onlyCat!.messageId);
  });

  it("put system messages in each recipient's system channel", async () => {
    const dan = await online("dan");
    const answer = await api("/v4/system-channel/message/send", { fromUserId: "ops", toUserIds: ["dan", "eve"], messageType: "RC:TxtMsg", content: text("maintenance") });
    const sent = result<{ messageIds: { userId: string; messageId: string }[] }>(answer).messageIds;
    expect(sent.map((entry) => entry.userId)).toEqual(["dan", "eve"]);
    await expect.poll(() => dan.messageIds()).toContain(sent[0]!.messageId);
    expect(dan.received.find((publication) => publication.message.messageId === sent[0]!.messageId)?.message).toMatchObject({ channelType: 6, channelId: "dan", senderId: "ops" });
  });
});

describe("broadcasts", () => {
  it("to online users reach connected clients and are stored nowhere", async () => {
    const eve = await online("eve");
    const answer = await api("/v4/system-channel/message/broadcast-online", { fromUserId: "ops", messageType: "RC:TxtMsg", content: text("now") });
    const { messageId } = result<{ messageId: string }>(answer);
    await expect.poll(() => eve.messageIds()).toContain(messageId);
    const later = await online("cat");
    expect((await sync(later.client)).map((message) => message.messageId)).not.toContain(messageId);
  });

  it("to all users are stored once, reach connected clients, appear in later syncs, and their recall reaches everyone", async () => {
    const ben = await online("ben");
    const answer = await api("/v4/system-channel/message/broadcast-all", { fromUserId: "ops", messageType: "RC:TxtMsg", content: text("welcome"), pushContent: "welcome" });
    const { messageId } = result<{ messageId: string }>(answer);
    await expect.poll(() => ben.messageIds()).toContain(messageId);

    const dan = await online("dan");
    const synced = (await sync(dan.client)).filter((message) => message.messageId === messageId);
    expect(synced).toMatchObject([{ channelType: 6, channelId: "*", senderId: "ops", content: { content: "welcome" } }]);

    expect(await api("/v4/system-channel/message/broadcast/delete", { fromUserId: "ops", messageId })).toEqual(ok);
    await expect.poll(() => ben.received.find((publication) => publication.type === "message.updated" && publication.message.messageId === messageId)?.message.recalled).toBe(true);
    const fresh = await online("cat");
    expect((await sync(fresh.client)).find((message) => message.messageId === messageId)).toMatchObject({ recalled: true, content: {} });
  });
});

describe("recalls, updates and history", () => {
  it("recall and update reach connected clients as message.updated", async () => {
    const ben = await online("ben");
    const [first] = await sendDirect({ content: text("typo") });
    expect(await api("/v4/direct-channel/message/update", { fromUserId: "ann", targetId: "ben", messageId: first!.messageId, content: text("fixed") })).toEqual(ok);
    await expect.poll(() => ben.received.find((publication) => publication.type === "message.updated")?.message).toMatchObject({ messageId: first!.messageId, content: { content: "fixed" } });

    expect(await api("/v4/message/delete", { fromUserId: "ann", channelType: 1, channelId: "ben", messageId: first!.messageId })).toEqual(ok);
    await expect.poll(() => ben.received.filter((publication) => publication.type === "message.updated").at(-1)?.message.recalled).toBe(true);

    const group = await api("/v4/group-channel/message/send", { fromUserId: "ben", toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: text("draft") });
    const [inGroup] = result<{ messageIds: { messageId: string }[] }>(group).messageIds;
    expect(await api("/v4/group-channel/message/update", { fromUserId: "ben", channelId: "crew", messageId: inGroup!.messageId, content: text("final") })).toEqual(ok);
    expect(await api("/v4/message/delete", { fromUserId: "ann", channelType: 3, channelId: "crew", messageId: inGroup!.messageId, isAdmin: 1 })).toEqual(ok);
  });

  it("lists a group's history for its members, with metadata", async () => {
    const group = await api("/v4/group-channel/message/send", { fromUserId: "cat", toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: text("vote") });
    const [vote] = result<{ messageIds: { messageId: string }[] }>(group).messageIds;
    const target = { userId: "ann", channelType: 3, channelId: "crew", messageId: vote!.messageId };
    expect(await api("/v4/channel-type/message/metadata/set", { ...target, metadata: { yes: "2", no: "1" } })).toEqual(ok);
    const page = result<{ messages: Record<string, unknown>[] }>(await history("/v4/group-channel/history-message/list", { userId: "ben", channelId: "crew" }));
    expect(page.messages[0]).toEqual({
      channelId: "crew",
      fromUserId: "cat",
      messageId: vote!.messageId,
      sentAt: expect.any(Number),
      messageType: "RC:TxtMsg",
      content: text("vote"),
      hasMetadata: true,
      metadata: [
        { key: "no", value: "1", updatedAt: expect.any(Number) },
        { key: "yes", value: "2", updatedAt: expect.any(Number) },
      ],
      aiGenerated: false,
    });
    const list = async (page?: number) => result<{ metadata: { key: string }[] }>(await api("/v4/channel-type/message/metadata/list", { messageId: vote!.messageId, page })).metadata;
    expect((await list()).map((item) => item.key)).toEqual(["no", "yes"]);
    expect(await list(2)).toEqual([]);
    expect(await api("/v4/channel-type/message/metadata/delete", { ...target, keys: ["no"] })).toEqual(ok);
    expect((await list()).map((item) => item.key)).toEqual(["yes"]);
  });

  it("deletes one user's history of a conversation up to sentAt, or all of it; the other user keeps theirs", async () => {
    const [older] = await sendDirect({ toUserIds: ["cat"], content: text("old") });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [newer] = await sendDirect({ toUserIds: ["cat"], content: text("new") });
    const catsView = () => historyIds("/v4/direct-channel/history-message/list", { userId: "cat", channelId: "ann" });
    const sentAt = result<{ messages: { messageId: string; sentAt: number }[] }>(await history("/v4/direct-channel/history-message/list", { userId: "cat", channelId: "ann" })).messages.find(
      (message) => message.messageId === older!.messageId,
    )!.sentAt;

    expect(await api("/v4/channel/message/history/delete", { channelType: 1, fromUserId: "cat", channelId: "ann", sentAt: String(sentAt) })).toEqual(ok);
    expect(await catsView()).toEqual([newer!.messageId]);
    expect(await api("/v4/channel/message/history/delete", { channelType: 1, fromUserId: "cat", channelId: "ann" })).toEqual(ok);
    expect(await catsView()).toEqual([]);
    expect(await historyIds("/v4/direct-channel/history-message/list", { userId: "ann", channelId: "cat" })).toEqual(expect.arrayContaining([older!.messageId, newer!.messageId]));
  });
});

describe("refusals change nothing", () => {
  const big = text("x".repeat(128 * 1024));
  it.each([
    { path: "/v4/direct-channel/message/send", body: { fromUserId: "ann", toUserIds: ["ben", "nobody"], messageType: "RC:TxtMsg", content: text("x") }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/direct-channel/message/send", body: { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: big }, status: 413, code: 1005, errorMessage: "content exceeds 131072 bytes" },
    { path: "/v4/direct-channel/message/send", body: { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: text("a forbidden word") }, status: 422, code: 1024, errorMessage: "The message contains a word this app does not allow" },
    { path: "/v4/direct-channel/message/send", body: { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: "[1]" }, status: 400, code: 1002, errorMessage: "content must be a JSON object" },
    { path: "/v4/direct-channel/message/send", body: { fromUserId: "ann", toUserIds: [], messageType: "RC:TxtMsg", content: text("x") }, status: 400, code: 1002, errorMessage: "toUserIds must hold 1 to 1000 user ids" },
    { path: "/v4/group-channel/message/send", body: { fromUserId: "dan", toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: text("x") }, status: 403, code: 1023, errorMessage: "dan is not a member of group crew" },
    { path: "/v4/group-channel/message/send", body: { fromUserId: "ann", toChannelIds: ["crew", "ghosts"], messageType: "RC:TxtMsg", content: text("x") }, status: 404, code: 1010, errorMessage: "Group ghosts does not exist" },
    { path: "/v4/system-channel/message/send", body: { fromUserId: "ops", toUserIds: ["nobody"], messageType: "RC:TxtMsg", content: text("x") }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/message/delete", body: { fromUserId: "ann", channelType: 1, channelId: "ben", messageId: "nope" }, status: 400, code: 1002, errorMessage: "messageId must look like BN6D-3HBC-0PU4-1FGK" },
    { path: "/v4/message/delete", body: { fromUserId: "ann", channelType: 1, channelId: "ben", messageId: "AAAA-AAAA-AAAA-AAAA" }, status: 404, code: 1010, errorMessage: "Message AAAA-AAAA-AAAA-AAAA is not in this conversation" },
    { path: "/v4/group-channel/history-message/list", body: { userId: "dan", channelId: "crew", startAt: 2000, endAt: 1000, includeStart: true }, status: 403, code: 1023, errorMessage: "dan is not a member of group crew" },
    { path: "/v4/channel-type/message/metadata/list", body: { messageId: "AAAA-AAAA-AAAA-AAAA" }, status: 404, code: 1010, errorMessage: "Message AAAA-AAAA-AAAA-AAAA does not exist" },
  ])("$path answers $errorMessage", async ({ path, body, status, code, errorMessage }) => {
    // Ben's sync (not the rate-limited history list) shows every stored change in his conversations.
    const ben = await online("ben");
    const before = await sync(ben.client);
    expect(await api(path, body)).toEqual({ status, body: { code, errorMessage } });
    expect(await sync(ben.client)).toEqual(before);
  });
});

describe("the older API's messages", () => {
  const legacyOk = { status: 200, body: { code: 200 } };

  it("publishes direct, group and system messages, echoed to the sender with isIncludeSender", async () => {
    const ben = await online("ben");
    const ann = await online("ann");
    const uid = expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await legacy("/message/private/publish.json", { fromUserId: "ann", toUserId: ["ben", "cat"], objectName: "RC:TxtMsg", content: text("form"), isIncludeSender: "1" })).toEqual({
      status: 200,
      body: { code: 200, messageUIDs: [{ userId: "ben", messageUID: uid }, { userId: "cat", messageUID: uid }] },
    });
    await expect.poll(() => ben.received.some((publication) => publication.message?.content.content === "form")).toBe(true);
    await expect.poll(() => ann.received.some((publication) => publication.message?.content.content === "form")).toBe(true);

    expect(await legacy("/message/group/publish.json", { fromUserId: "ann", toGroupId: "crew", objectName: "RC:TxtMsg", content: text("group form") })).toEqual({
      status: 200,
      body: { code: 200, messageUIDs: [{ groupId: "crew", messageUID: uid }] },
    });
    await expect.poll(() => ben.received.some((publication) => publication.message?.content.content === "group form")).toBe(true);
    expect(await legacy("/message/system/publish.json", { fromUserId: "ops", toUserId: "ben", objectName: "RC:TxtMsg", content: text("sys form") })).toEqual({
      status: 200,
      body: { code: 200, messageUIDs: [{ userId: "ben", messageUID: uid }] },
    });
    await expect.poll(() => ben.received.some((publication) => publication.message?.channelType === 6 && publication.message.content.content === "sys form")).toBe(true);
  });

  it("delivers status messages to connected clients without storing them", async () => {
    const cat = await online("cat");
    expect(await legacy("/statusmessage/private/publish.json", { fromUserId: "ann", toUserId: "cat", objectName: "App:Typing", content: "{}" })).toEqual(legacyOk);
    expect(await legacy("/statusmessage/group/publish.json", { fromUserId: "ann", toGroupId: "crew", objectName: "RC:TypSts", content: "{}" })).toEqual(legacyOk);
    const statusIds = () => cat.received.filter((publication) => publication.type === "message" && publication.message.seq === undefined).map((publication) => publication.message.messageId);
    await expect.poll(statusIds).toHaveLength(2);
    const synced = (await sync(cat.client)).map((message) => message.messageId);
    for (const messageId of statusIds()) expect(synced).not.toContain(messageId);
  });

  it("broadcasts with the message's UID and recalls by it", async () => {
    const broadcast = await legacy("/message/online/broadcast.json", { fromUserId: "ops", objectName: "RC:TxtMsg", content: text("hello all") });
    expect(broadcast).toEqual({ status: 200, body: { code: 200, messageUID: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) } });
    const [sent] = await sendDirect({ toUserIds: ["dan"], content: text("oops") });
    expect(await legacy("/message/recall.json", { fromUserId: "ann", conversationType: "1", targetId: "dan", messageUID: sent!.messageId })).toEqual(legacyOk);
    expect(await legacy("/message/recall.json", { fromUserId: "ann", conversationType: "1", targetId: "dan", messageUID: "nope" })).toEqual({
      status: 400,
      body: { code: 1002, errorMessage: "messageId must look like BN6D-3HBC-0PU4-1FGK" },
    });
  });
});
