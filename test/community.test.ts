import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { ageMessages, recorder, waitUntil } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const ok = { status: 200, body: { code: 0 } };
const dayMs = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  // These clients send in bursts; the per-client send rate is tested in messaging.test.ts.
  await setAppSettings(server, app, { clientMessagesPerSecond: 1000 });
  for (const userId of ["own", "amy", "bob", "cal", "dee"]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
const result = async (path: string, body: Record<string, unknown>) => (await api(path, body)).body.result as Record<string, unknown>;
async function connect(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  return client;
}
async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}
// Live delivery that should not happen is given this long to show up.
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const texts = (messages: { content: Record<string, unknown> }[]) => messages.map((message) => message.content.content);

describe("communities", () => {
  let users: Record<string, SwitchboardClient>;
  let events: Record<string, ReturnType<typeof recorder>>;

  it("are set up with members, a public and a private subchannel and a user group", async () => {
    expect(await api("/v4/community-channel/create", { userId: "own", channelId: "guild", name: "Guild" })).toEqual(ok);
    for (const userId of ["amy", "bob", "cal", "amy"]) expect(await api("/v4/community-channel/join", { userId, channelId: "guild" })).toEqual(ok);
    expect(await api("/v4/community-channel/subchannel/create", { channelId: "guild", subchannelId: "general" })).toEqual(ok);
    expect(await api("/v4/community-channel/subchannel/create", { channelId: "guild", subchannelId: "staff", channelVisibility: 1 })).toEqual(ok);
    expect(await result("/v4/community-channel/subchannel/list", { channelId: "guild" })).toEqual({
      subchannels: [
        { subchannelId: "general", createdAt: expect.any(String), channelVisibility: 0 },
        { subchannelId: "staff", createdAt: expect.any(String), channelVisibility: 1 },
      ],
    });
    expect(await api("/v4/community-channel/private-subchannel/member/add", { channelId: "guild", subchannelId: "staff", userIds: ["amy"] })).toEqual(ok);
    expect(await api("/v4/community-channel/user-group/add", { channelId: "guild", userGroups: [{ userGroupId: "mods" }] })).toEqual(ok);
    expect(await api("/v4/community-channel/user-group/user/add", { channelId: "guild", userGroupId: "mods", userIds: ["cal"] })).toEqual(ok);
    expect(await result("/v4/community-channel/member/exist", { channelId: "guild", userId: "dee" })).toEqual({ isMember: false });
    expect(await result("/v4/community-channel/private-subchannel/member/list", { channelId: "guild", subchannelId: "staff" })).toEqual({ members: ["amy"] });
    expect(await result("/v4/community-channel/user/user-group/list", { channelId: "guild", userId: "cal" })).toEqual({ userGroupIds: ["mods"] });

    users = Object.fromEntries(await Promise.all(["own", "amy", "bob", "cal", "dee"].map(async (userId) => [userId, await connect(userId)] as const)));
    events = Object.fromEntries(Object.entries(users).map(([userId, client]) => [userId, recorder(client)]));
    // Binding after the clients connected: their nodes learn the access live.
    expect(await api("/v4/community-channel/channel/user-group/bind", { channelId: "guild", subchannelId: "staff", userGroupIds: ["mods"] })).toEqual(ok);
    expect(await result("/v4/community-channel/user/subchannel/list", { channelId: "guild", userId: "cal" })).toEqual({ subChannels: ["general", "staff"] });
    expect(await result("/v4/community-channel/user/subchannel/list", { channelId: "guild", userId: "bob" })).toEqual({ subChannels: ["general"] });
  });

  it("deliver the default channel and public subchannels to every member, private ones to their readers only", async () => {
    const lobby = await users.own!.sendCommunityMessage({ communityId: "guild", text: "lobby" });
    expect(lobby).toMatchObject({ channelType: ChannelType.community, channelId: "guild", seq: 1 });
    expect(lobby.subchannelId).toBeUndefined();
    expect(await users.bob!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "hello" })).toMatchObject({ subchannelId: "general", seq: 1 });
    expect(await users.amy!.sendCommunityMessage({ communityId: "guild", subchannelId: "staff", text: "secret" })).toMatchObject({ subchannelId: "staff", seq: 1 });
    await waitUntil(() => events.cal!.messages.length >= 3);
    await settle();
    expect(texts(events.amy!.messages)).toEqual(["lobby", "hello"]);
    expect(texts(events.bob!.messages)).toEqual(["lobby"]);
    expect(texts(events.cal!.messages)).toEqual(["lobby", "hello", "secret"]);
    expect(texts(events.own!.messages)).toEqual(["hello"]);
    expect(events.dee!.messages).toEqual([]);
  });

  it("let only readers send and read history", async () => {
    expect(await callError(users.bob!.sendCommunityMessage({ communityId: "guild", subchannelId: "staff", text: "let me in" }))).toEqual({
      code: 1023,
      message: "bob is not a member of private subchannel staff",
    });
    expect(await callError(users.dee!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "hi" }))).toEqual({ code: 1023, message: "dee is not a member of community guild" });
    expect(await callError(users.bob!.history({ channelType: ChannelType.community, channelId: "guild", subchannelId: "staff" }))).toMatchObject({ code: 1023 });
    expect(texts((await users.cal!.history({ channelType: ChannelType.community, channelId: "guild", subchannelId: "staff" })).messages)).toEqual(["secret"]);
    expect((await users.bob!.history({ channelType: ChannelType.community, channelId: "guild", subchannelId: "general" })).messages).toMatchObject([{ subchannelId: "general", content: { content: "hello" } }]);
    const now = Date.now();
    const history = (userId: string, subchannelId: string) =>
      api("/v4/community-channel/history-message/list", { channelId: "guild", subchannelId, userId, startAt: now, endAt: now - dayMs, includeStart: true });
    expect((await history("amy", "staff")).body).toMatchObject({ code: 0, result: { messages: [{ channelId: "guild", subchannelId: "staff", fromUserId: "amy" }] } });
    expect(await history("bob", "staff")).toEqual({ status: 403, body: { code: 1023, errorMessage: "bob is not a member of private subchannel staff" } });
  });

  it("read access when a user connects: a user group's member connecting now receives the private subchannel live", async () => {
    users.cal!.disconnect();
    await settle();
    users.cal = await connect("cal");
    events.cal = recorder(users.cal);
    await users.amy!.sendCommunityMessage({ communityId: "guild", subchannelId: "staff", text: "to the new connection" });
    expect(await waitUntil(() => texts(events.cal!.messages).includes("to the new connection"))).toBe(true);
  });

  it("follow access changes live: an unbound user group's members stop receiving the private subchannel", async () => {
    expect(await api("/v4/community-channel/channel/user-group/unbind", { channelId: "guild", subchannelId: "staff", userGroupIds: ["mods"] })).toEqual(ok);
    await users.amy!.sendCommunityMessage({ communityId: "guild", subchannelId: "staff", text: "after" });
    await settle();
    expect(texts(events.cal!.messages)).not.toContain("after");
    expect(await callError(users.cal!.history({ channelType: ChannelType.community, channelId: "guild", subchannelId: "staff" }))).toMatchObject({ code: 1023 });
  });

  it("refuse muted users (1022), and while frozen everyone but allowed senders (1025)", async () => {
    expect(await api("/v4/community-channel/mute-list/add", { channelId: "guild", userIds: ["bob"] })).toEqual(ok);
    expect(await result("/v4/community-channel/mute-list/get", { channelId: "guild" })).toEqual({ mutedMembers: [{ userId: "bob" }] });
    expect(await callError(users.bob!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "x" }))).toEqual({ code: 1022, message: "You are muted in community guild" });
    expect(await api("/v4/community-channel/mute-list/remove", { channelId: "guild", userIds: ["bob"] })).toEqual(ok);

    expect(await api("/v4/community-channel/freeze-list/set", { channelId: "guild", subchannelId: "general", status: true })).toEqual(ok);
    expect(await result("/v4/community-channel/freeze-list/get", { channelId: "guild", subchannelId: "general" })).toEqual({ status: true });
    expect(await api("/v4/community-channel/allowed-sender-list/add", { channelId: "guild", subchannelId: "general", userIds: ["amy"] })).toEqual(ok);
    expect(await result("/v4/community-channel/allowed-sender-list/get", { channelId: "guild", subchannelId: "general" })).toEqual({ members: [{ userId: "amy" }] });
    expect(await callError(users.bob!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "x" }))).toEqual({
      code: 1025,
      message: "Community guild is frozen: only its allowed senders may send",
    });
    await users.amy!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "allowed" });
    await users.bob!.sendCommunityMessage({ communityId: "guild", text: "default is not frozen" });
    expect(await api("/v4/community-channel/freeze-list/set", { channelId: "guild", subchannelId: "general", status: false })).toEqual(ok);
  });

  it("let senders edit their messages, through a client or the app server", async () => {
    const sent = await users.bob!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "typo" });
    await users.bob!.editMessage({ channelType: ChannelType.community, channelId: "guild", subchannelId: "general", messageId: sent.messageId, content: { content: "fixed" } });
    await waitUntil(() => events.amy!.updates.some((message) => message.messageId === sent.messageId));
    expect(events.amy!.updates.find((message) => message.messageId === sent.messageId)).toMatchObject({ subchannelId: "general", content: { content: "fixed" }, editedAt: expect.any(Number) });
    const update = { channelId: "guild", subchannelId: "general", messageId: sent.messageId, content: JSON.stringify({ content: "again" }) };
    expect(await api("/v4/community-channel/message/update", { ...update, fromUserId: "bob" })).toEqual(ok);
    expect(await api("/v4/community-channel/message/update", { ...update, fromUserId: "amy" })).toEqual({ status: 403, body: { code: 1009, errorMessage: "Only the sender may edit a message" } });
  });

  it("count unread messages and mentions per subchannel until read", async () => {
    const sent = await callApi(server, app, "/v4/community-channel/message/send", {
      fromUserId: "amy",
      toChannelIds: ["guild"],
      subchannelId: "general",
      messageType: "RC:TxtMsg",
      content: JSON.stringify({ content: "@cal", mentionedInfo: { type: 2, userIdList: ["cal"] } }),
    });
    expect(sent.body).toEqual({ code: 0, result: { messageIds: [{ channelId: "guild", messageId: expect.any(String) }] } });
    const unread = await users.cal!.communityUnread("guild");
    expect(unread.subchannels).toEqual([
      { channelId: "guild", lastSeq: 2, readSeq: 0, unreadCount: 2, mentioned: false },
      { channelId: "guild", subchannelId: "general", lastSeq: 4, readSeq: 0, unreadCount: 4, mentioned: true },
    ]);
    expect(await users.cal!.markCommunityRead({ communityId: "guild", subchannelId: "general", seq: 9 })).toEqual({ readSeq: 4 });
    expect((await users.cal!.communityUnread("guild")).subchannels[1]).toEqual({ channelId: "guild", subchannelId: "general", lastSeq: 4, readSeq: 4, unreadCount: 0, mentioned: false });
    expect((await users.amy!.communityUnread("guild")).subchannels.map((entry) => entry.subchannelId)).toEqual([undefined, "general", "staff"]);
  });

  it("return no history older than the app's window (7 days by default)", async () => {
    // The wider window first: past the window, the retention sweep may delete the message at any moment.
    await setAppSettings(server, app, { communityHistoryDays: 90 });
    const old = await users.bob!.sendCommunityMessage({ communityId: "guild", subchannelId: "general", text: "old" });
    await ageMessages(server.database, [old.messageId], 8 * dayMs);
    expect(texts((await users.amy!.history({ channelType: ChannelType.community, channelId: "guild", subchannelId: "general" })).messages)).toContain("old");
    await setAppSettings(server, app, { communityHistoryDays: 7 });
    expect(texts((await users.amy!.history({ channelType: ChannelType.community, channelId: "guild", subchannelId: "general" })).messages)).not.toContain("old");
    const console_ = await signInToConsole(server);
    expect(await console_.send("PATCH", `/api/console/apps/${app.appKey}/settings`, { communityHistoryDays: 30 })).toEqual({
      status: 400,
      body: { code: 1002, errorMessage: "communityHistoryDays must be 7, or 90 to 1095 (3 to 36 months)" },
    });
  });

  it("hold at most 50 subchannels", async () => {
    expect(await api("/v4/community-channel/create", { userId: "dee", channelId: "big", name: "Big" })).toEqual(ok);
    for (let index = 0; index < 50; index++) expect(await api("/v4/community-channel/subchannel/create", { channelId: "big", subchannelId: `s${index}` })).toEqual(ok);
    expect(await api("/v4/community-channel/subchannel/create", { channelId: "big", subchannelId: "s50" })).toEqual({
      status: 422,
      body: { code: 1012, errorMessage: "A community holds at most 50 subchannels" },
    });
  });

  it("are left and dismissed", async () => {
    expect(await api("/v4/community-channel/leave", { userId: "amy", channelId: "guild" })).toEqual(ok);
    expect(await result("/v4/community-channel/private-subchannel/member/list", { channelId: "guild", subchannelId: "staff" })).toEqual({ members: [] });
    expect(await api("/v4/community-channel/dismiss", { channelId: "guild" })).toEqual(ok);
    expect(await api("/v4/community-channel/member/exist", { channelId: "guild", userId: "bob" })).toEqual({ status: 404, body: { code: 1010, errorMessage: "Community guild does not exist" } });
  });
});
