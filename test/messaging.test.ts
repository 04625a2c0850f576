import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { ageMessages, recorder, waitUntil } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, connectUser, createTestApp, createUserClient, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const dayMs = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

async function connect(userId: string, options: Parameters<typeof connectUser>[3] = {}, inApp = app) {
  const client = await connectUser(server, inApp, userId, options);
  clients.push(client);
  return client;
}

/** Connects a device with a recorder attached before it connects, so the catch-up after connecting is recorded too. */
async function connectRecorded(userId: string, options: Parameters<typeof connectUser>[3] = {}) {
  const client = await createUserClient(server, app, userId, options);
  clients.push(client);
  const events = recorder(client);
  await client.connect();
  await client.sync();
  return events;
}

async function createGroup(groupId: string, owner: string, members: string[]) {
  for (const userId of [owner, ...members]) await issueToken(server, app, userId);
  const created = await callApi(server, app, "/v4/group-channel/create", { channelId: groupId, name: groupId, owner, userIds: members });
  expect(created.body).toEqual({ code: 0 });
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

/** What members wrote, without the groups' notifications (RC:GrpNtf). */
const chatMessages = (events: ReturnType<typeof recorder>) => events.messages.filter((message) => message.messageType !== "RC:GrpNtf");
const waitForChat = async (events: ReturnType<typeof recorder>, count: number) => {
  await waitUntil(() => chatMessages(events).length >= count);
  return chatMessages(events);
};

const storedCount = async (where: string, params: unknown[] = []) =>
  Number((await server.database.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "Message" WHERE ${where}`, params))[0]!.count);

describe("group messages", () => {
  it("reach every device of every online member, in one sequence, and no one else", async () => {
    await createGroup("g-order", "ada", ["bea", "cid", "dan"]);
    const senders = await Promise.all(["ada", "bea", "cid", "dan"].map((userId) => connect(userId)));
    const beaTablet = recorder(await connect("bea", { platform: "mobile" }));
    const outsider = recorder(await connect("eve"));
    const receivers = senders.map(recorder);

    const sends = senders.flatMap((sender, s) => Array.from({ length: 5 }, (_, i) => sender.sendGroupMessage({ groupId: "g-order", text: `${s}.${i}` })));
    const sent = await Promise.all(sends);
    // Sequence 1 is the group's Create notification.
    expect(sent.map((message) => message.seq).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));

    // Each device gets the 15 messages of the others (its own come back in its replies).
    for (const receiver of receivers) expect(await waitForChat(receiver, 15)).toHaveLength(15);
    expect(await waitForChat(beaTablet, 20)).toHaveLength(20);
    expect(beaTablet.messages.every((message) => message.channelType === ChannelType.group && message.channelId === "g-order")).toBe(true);
    expect(outsider.messages).toEqual([]);
  });

  it("follow membership at once: joining starts live delivery, leaving stops it", async () => {
    await createGroup("g-join", "fay", []);
    const fay = await connect("fay");
    const gus = recorder(await connect("gus"));
    expect(await callError(fay.sendGroupMessage({ groupId: "g-nope", text: "x" }))).toEqual({ code: 1010, message: "Group g-nope does not exist" });

    expect((await callApi(server, app, "/v4/group-channel/join", { channelId: "g-join", userIds: ["gus"] })).status).toBe(200);
    await fay.sendGroupMessage({ groupId: "g-join", text: "welcome" });
    expect(await waitForChat(gus, 1)).toMatchObject([{ content: { content: "welcome" } }]);

    expect((await callApi(server, app, "/v4/group-channel/leave", { channelId: "g-join", userIds: ["gus"] })).status).toBe(200);
    await fay.sendGroupMessage({ groupId: "g-join", text: "bye" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(chatMessages(gus).map((message) => message.content.content)).toEqual(["welcome"]);
  });

  it("refuse non-members and muted members, storing nothing", async () => {
    await createGroup("g-rules", "hal", ["ida"]);
    const ivy = await connect("ivy");
    expect(await callError(ivy.sendGroupMessage({ groupId: "g-rules", text: "let me in" }))).toEqual({ code: 1023, message: "ivy is not a member of group g-rules" });
    expect(await callError(ivy.history({ channelType: ChannelType.group, channelId: "g-rules" }))).toMatchObject({ code: 1023 });

    await callApi(server, app, "/v4/channel-type/mute/set", { userIds: ["ida"], muteState: 1, channelTypes: ["GROUP"] });
    const ida = await connect("ida");
    expect(await callError(ida.sendGroupMessage({ groupId: "g-rules", text: "hm" }))).toEqual({ code: 1022, message: "You are muted in group g-rules" });
    expect(await storedCount(`"senderId" IN ('ivy', 'ida')`)).toBe(0);
  });

  it("mark the conversations of mentioned members until they read them", async () => {
    await createGroup("g-mentions", "mo", ["nu", "xi"]);
    const mo = await connect("mo");
    const [nu, xi] = await Promise.all([connect("nu"), connect("xi")]);
    const mentioned = async (client: SwitchboardClient) => (await client.listConversations()).conversations.find((c) => c.channelId === "g-mentions")!.mentioned;

    await mo.sendGroupMessage({ groupId: "g-mentions", content: { content: "@nu look", mentionedInfo: { type: 2, userIdList: ["nu"] } } });
    expect([await mentioned(nu), await mentioned(xi)]).toEqual([true, false]);
    const sent = await mo.sendGroupMessage({ groupId: "g-mentions", content: { content: "@all hi", mentionedInfo: { type: 1 } } });
    expect(await mentioned(xi)).toBe(true);
    await xi.markRead({ channelType: ChannelType.group, channelId: "g-mentions", seq: sent.seq! });
    expect(await mentioned(xi)).toBe(false);
    expect(await mentioned(mo)).toBe(false);

    const bad = mo.sendGroupMessage({ groupId: "g-mentions", content: { content: "x", mentionedInfo: { type: 2 } } });
    expect(await callError(bad)).toEqual({ code: 1002, message: "mentionedInfo must be {type: 1} (everyone) or {type: 2, userIdList: [1 to 100 user ids]}" });
  });

  it("tell senders who read the messages that asked for read receipts", async () => {
    await createGroup("g-receipts", "jon", ["kim", "lou"]);
    const jon = await connect("jon");
    const jonEvents = recorder(jon);
    const asked = await jon.sendGroupMessage({ groupId: "g-receipts", text: "please ack", needReadReceipt: true });
    for (const reader of ["kim", "lou"]) await (await connect(reader)).sendReadReceipts({ groupId: "g-receipts", messageIds: [asked.messageId] });
    await waitUntil(() => jonEvents.receipts.length === 2);
    expect(jonEvents.receipts.map((receipt) => receipt.userId).sort()).toEqual(["kim", "lou"]);
    expect((await jon.readers({ groupId: "g-receipts", messageId: asked.messageId })).readers.map((reader) => reader.userId)).toEqual(["kim", "lou"]);
  });
});

describe("recovery", () => {
  it("gives a device that was offline exactly the messages it missed", async () => {
    const ned = await connect("ned");
    const max = await connect("max");
    const events = recorder(max);
    await ned.sendDirectMessage({ to: "max", text: "before" });
    await events.waitForMessages(1);
    max.disconnect();

    for (const text of ["one", "two", "three"]) await ned.sendDirectMessage({ to: "max", text });
    await max.connect();
    await max.sync();
    expect(events.texts()).toEqual(["before", "one", "two", "three"]);
  });

  it("gives a new device or a reinstall the compensation window (1 day by default), not older messages", async () => {
    const oli = await connect("oli");
    await issueToken(server, app, "pat");
    const old = await oli.sendDirectMessage({ to: "pat", text: "two days ago" });
    await ageMessages(server.database, [old.messageId], 2 * dayMs);
    await oli.sendDirectMessage({ to: "pat", text: "today" });

    const fresh = await connectRecorded("pat");
    expect(fresh.texts()).toEqual(["today"]);
    const history = await oli.history({ channelType: ChannelType.direct, channelId: "pat" });
    expect(history.messages.map((message) => message.content.content)).toEqual(["today", "two days ago"]);
  });

  it("recovers nothing older than the app's offline message cache", async () => {
    const shortCache = await createTestApp(server, "Short offline cache");
    await setAppSettings(server, shortCache, { multiDeviceSync: false, offlineCacheDays: 2 });
    const sender = await connect("ray", {}, shortCache);
    await issueToken(server, shortCache, "sam");
    const old = await sender.sendDirectMessage({ to: "sam", text: "three days ago" });
    const recent = await sender.sendDirectMessage({ to: "sam", text: "yesterday" });
    await ageMessages(server.database, [old.messageId], 3 * dayMs);
    await ageMessages(server.database, [recent.messageId], dayMs);

    const sam = await createUserClient(server, shortCache, "sam");
    clients.push(sam);
    const events = recorder(sam);
    await sam.connect();
    await sam.sync();
    expect(events.texts()).toEqual(["yesterday"]);
  });

  it("lists conversations with unread counts from sequences, and syncs read positions to other devices and the sender", async () => {
    const quin = await connect("quin");
    const quinEvents = recorder(quin);
    const rae = await connect("rae");
    const raeTablet = recorder(await connect("rae", { platform: "mobile" }));
    for (const text of ["a", "b", "c"]) await quin.sendDirectMessage({ to: "rae", text });

    const [conversation] = (await rae.listConversations()).conversations;
    expect(conversation).toMatchObject({ channelType: 1, channelId: "quin", lastSeq: 3, readSeq: 0, unreadCount: 3, lastMessage: { content: { content: "c" } } });
    expect((await quin.listConversations()).conversations[0]).toMatchObject({ channelId: "rae", unreadCount: 0 });

    expect(await rae.markRead({ channelType: ChannelType.direct, channelId: "quin", seq: 2 })).toEqual({ readSeq: 2 });
    expect((await rae.listConversations()).conversations[0]).toMatchObject({ unreadCount: 1 });
    await waitUntil(() => raeTablet.reads.length === 1 && quinEvents.receipts.length === 1);
    expect(raeTablet.reads).toEqual([{ channelType: 1, channelId: "quin", readSeq: 2 }]);
    expect(quinEvents.receipts).toEqual([{ channelType: 1, channelId: "rae", userId: "rae", readSeq: 2 }]);

    await rae.deleteConversation({ channelType: ChannelType.direct, channelId: "quin" });
    expect((await rae.listConversations()).conversations).toEqual([]);
    await quin.sendDirectMessage({ to: "rae", text: "d" });
    expect((await rae.listConversations()).conversations[0]).toMatchObject({ channelId: "quin", unreadCount: 1 });
  });
});

describe("recall, edit and metadata", () => {
  it("reach online devices live and offline devices at their next sync", async () => {
    const sam = await connect("sam");
    const tia = recorder(await connect("tia"));
    const tiaPhone = await connect("tia", { platform: "mobile" });
    const message = await sam.sendDirectMessage({ to: "tia", text: "draft" });
    await tiaPhone.sync();
    const phonePosition = tiaPhone.syncPosition;
    tiaPhone.disconnect();

    const address = { channelType: ChannelType.direct, channelId: "tia", messageId: message.messageId } as const;
    await sam.editMessage({ ...address, content: { content: "final" } });
    await waitUntil(() => tia.updates.length === 1);
    expect(tia.updates[0]).toMatchObject({ messageId: message.messageId, content: { content: "final" }, editedAt: expect.any(Number) });

    await sam.setMetadata({ ...address, metadata: { likes: "1" } });
    await waitUntil(() => tia.updates.length === 2);
    expect(tia.updates[1]!.metadata).toMatchObject({ likes: { value: "1", userId: "sam" } });

    await sam.recallMessage(address);
    await waitUntil(() => tia.updates.length === 3);
    expect(tia.updates[2]).toMatchObject({ recalled: true, content: {} });
    expect(tia.updates[2]!.metadata).toBeUndefined();

    const phone = await connectRecorded("tia", { platform: "mobile", syncPosition: phonePosition });
    expect([...phone.messages, ...phone.updates]).toMatchObject([{ messageId: message.messageId, recalled: true }]);
  });

  it("are refused to anyone but the sender (edit) and the sender or group admins (recall)", async () => {
    const uma = await connect("uma");
    const vic = await connect("vic");
    const message = await uma.sendDirectMessage({ to: "vic", text: "mine" });
    const address = { channelType: ChannelType.direct, channelId: "uma", messageId: message.messageId } as const;
    expect(await callError(vic.editMessage({ ...address, content: { content: "yours" } }))).toEqual({ code: 1009, message: "Only the sender may edit a message" });
    expect(await callError(vic.recallMessage(address))).toMatchObject({ code: 1009 });
    expect(await callError(vic.recallMessage({ ...address, messageId: "nope" }))).toMatchObject({ code: 1002 });
    const [row] = await server.database.query<{ content: string }>(`SELECT "content" FROM "Message" WHERE "id" = $1`, [message.messageId]);
    expect(JSON.parse(row!.content)).toEqual({ content: "mine" });
  });
});

describe("status messages", () => {
  it("reach online sessions only and are never stored", async () => {
    const wes = await connect("wes");
    const xia = recorder(await connect("xia"));
    await wes.sendTyping({ channelType: ChannelType.direct, channelId: "xia" });
    const [typing] = await xia.waitForMessages(1);
    expect(typing).toMatchObject({ messageType: "RC:TypSts", senderId: "wes" });
    expect(typing!.seq).toBeUndefined();
    expect(await storedCount(`"senderId" = 'wes'`)).toBe(0);
    const later = recorder(await connect("xia", { platform: "desktop" }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(later.messages).toEqual([]);
  });
});

describe("concurrent logins", () => {
  it("keep one session per platform category: a new login closes the older one for good (4501)", async () => {
    const phone = await connect("yan", { platform: "mobile" });
    const phoneEvents = recorder(phone);
    const web = recorder(await connect("yan", { platform: "web" }));
    await connect("yan", { platform: "mobile" });
    await waitUntil(() => phoneEvents.disconnects.length === 1);
    expect(phoneEvents.disconnects[0]).toMatchObject({ code: 4501 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(phone.centrifuge.state).toBe("disconnected");
    expect(web.disconnects).toEqual([]);
  });

  it("allow ten web sessions with multi-device sync: the eleventh closes the oldest", async () => {
    const tabs: ReturnType<typeof recorder>[] = [];
    for (let i = 0; i < 10; i++) tabs.push(recorder(await connect("zoe")));
    await connect("zoe");
    await waitUntil(() => tabs[0]!.disconnects.length === 1);
    expect(tabs.map((tab) => tab.disconnects.length)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("keep as many sessions of a category as the app allows: a phone and a tablet stay together, a third phone closes the oldest (4501)", async () => {
    const devices = await createTestApp(server, "Phone and tablet");
    await setAppSettings(server, devices, { sessionsPerPlatform: { mobile: 2, web: 2 } });
    const phone = recorder(await connect("ola", { platform: "mobile" }, devices));
    const tablet = recorder(await connect("ola", { platform: "mobile" }, devices));
    const desktop = recorder(await connect("ola", { platform: "desktop" }, devices));
    const sender = await connect("pam", {}, devices);
    await sender.sendDirectMessage({ to: "ola", text: "to every device" });
    for (const device of [phone, tablet, desktop]) expect(await device.waitForMessages(1)).toHaveLength(1);
    expect([phone.disconnects, tablet.disconnects, desktop.disconnects]).toEqual([[], [], []]);

    const third = recorder(await connect("ola", { platform: "mobile" }, devices));
    await waitUntil(() => phone.disconnects.length === 1);
    expect(phone.disconnects[0]).toMatchObject({ code: 4501 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([tablet.disconnects, third.disconnects, desktop.disconnects]).toEqual([[], [], []]);

    // A category the app names keeps its count, multi-device sync or not: two web tabs, not ten.
    const tabs = [recorder(await connect("ola", {}, devices)), recorder(await connect("ola", {}, devices))];
    await connect("ola", {}, devices);
    await waitUntil(() => tabs[0]!.disconnects.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tabs.map((tab) => tab.disconnects.map((event) => event.code))).toEqual([[4501], []]);
  });

  it("take only platform categories and counts of 1 to 100 in sessionsPerPlatform, and keep the setting otherwise", async () => {
    const devices = await createTestApp(server, "Devices setting");
    await setAppSettings(server, devices, { sessionsPerPlatform: { mobile: 2 } });
    const console_ = await signInToConsole(server);
    const settingsPath = `/api/console/apps/${devices.appKey}/settings`;
    const refused = (errorMessage: string) => ({ status: 400, body: { code: 1002, errorMessage } });
    const change = (sessionsPerPlatform: unknown) => console_.send("PATCH", settingsPath, { sessionsPerPlatform });
    expect(await change({ tv: 2 })).toEqual(refused("sessionsPerPlatform names platform categories: mobile, web, desktop, miniProgram"));
    expect(await change({ mobile: 0 })).toEqual(refused("sessionsPerPlatform values are sessions, 1 to 100"));
    expect(await change({ mobile: 101 })).toEqual(refused("sessionsPerPlatform values are sessions, 1 to 100"));
    expect(await change([2])).toEqual(refused("sessionsPerPlatform must be a JSON object"));
    const { body } = await console_.get<{ settings: { sessionsPerPlatform: unknown }; defaults: { sessionsPerPlatform: unknown } }>(settingsPath);
    expect([body.settings.sessionsPerPlatform, body.defaults.sessionsPerPlatform]).toEqual([{ mobile: 2 }, {}]);
  });

  it("without multi-device sync, deliver a message to one device only and keep one web session", async () => {
    const single = await createTestApp(server, "Single device");
    await setAppSettings(server, single, { multiDeviceSync: false });
    const sender = await connect("abe", {}, single);
    const web = recorder(await connect("bo", { platform: "web" }, single));
    const phone = recorder(await connect("bo", { platform: "mobile" }, single));
    await sender.sendDirectMessage({ to: "bo", text: "once" });
    await phone.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([web.texts(), phone.texts()]).toEqual([[], ["once"]]);

    const secondTab = recorder(await connect("bo", { platform: "web" }, single));
    await waitUntil(() => web.disconnects.length === 1);
    expect(web.disconnects[0]).toMatchObject({ code: 4501 });
    expect(secondTab.messages).toEqual([]);
  });
});

describe("refusals", () => {
  it("give the documented error and store nothing", async () => {
    const restricted = await createTestApp(server, "Friends only");
    await setAppSettings(server, restricted, { directMessagesFriendsOnly: true });
    const loner = await connect("cy", {}, restricted);
    await issueToken(server, restricted, "di");
    expect(await callError(loner.sendDirectMessage({ to: "di", text: "hi" }))).toMatchObject({ code: 1021 });

    const eli = await connect("eli");
    await issueToken(server, app, "flo");
    await callApi(server, app, "/v4/user/blocklist/add", { userId: "flo", targetUserIds: ["eli"] });
    expect(await callError(eli.sendDirectMessage({ to: "flo", text: "hi" }))).toMatchObject({ code: 1019 });

    await callApi(server, app, "/v4/profanity-word/batch/add", { words: [{ word: "frak" }, { word: "gorram", replacement: "***" }] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const gil = await connect("gil");
    expect(await callError(gil.sendDirectMessage({ to: "eli", text: "what the FRAK" }))).toEqual({ code: 1024, message: "The message contains a word this app does not allow" });
    expect((await gil.sendDirectMessage({ to: "eli", text: "gorram it" })).content).toEqual({ content: "*** it" });
    expect(await storedCount(`"senderId" = 'gil'`)).toBe(1);
    expect(await storedCount(`"senderId" IN ('cy', 'eli')`)).toBe(0);
  });

  it("refuse a banned sender, also through the app server", async () => {
    for (const userId of ["jay", "kai"]) await issueToken(server, app, userId);
    await callApi(server, app, "/v4/user/ban", { userIds: ["jay"], durationMinutes: 60 });
    const sent = await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "jay", toUserIds: ["kai"], messageType: "RC:TxtMsg", content: '{"content":"hi"}' });
    expect(sent).toEqual({ status: 403, body: { code: 1018, errorMessage: "User jay is banned and cannot send messages" } });
    expect(await storedCount(`"senderId" = 'jay'`)).toBe(0);
  });

  it("refuse a sixth message within a second from one client with 20604", async () => {
    const hub = await connect("hub");
    await issueToken(server, app, "ian");
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => hub.sendDirectMessage({ to: "ian", text: `${i}` })));
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 20604 });
    expect(await storedCount(`"senderId" = 'hub'`)).toBe(5);
  });
});
