import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, type SwitchboardClient, type TemporaryChannelEndedEvent } from "@switchboard/sdk";
import { ageRows, recorder, waitUntil } from "./support/chat-clients";
import { callApi, connectUser, createTestApp, createUserClient, issueToken, operationSigner, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const temporary = ChannelType.temporary;
const gone = (channelId: string) => `Temporary conversation ${channelId} does not exist: it ended, expired or never was`;

beforeAll(async () => {
  // The sweep of expired conversations runs every second.
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server);
  for (const userId of ["cus", "agt", "sup", "out", "ann", "ben", "kim", "lea", "max", "ned", "oli", "pia", "quy", "rob"]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
async function create(memberIds: string[], ttlSeconds?: number) {
  const answer = await api("/v4/temporary-channel/create", { memberIds, ...(ttlSeconds !== undefined && { ttlSeconds }) });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body.result as { channelId: string }).channelId;
}
const serverSend = (channelId: string, fromUserId: string, text: string) =>
  api("/v4/temporary-channel/message/send", { channelId, fromUserId, messageType: "RC:TxtMsg", content: JSON.stringify({ content: text }) });

async function connect(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  return client;
}

/** A device with a recorder attached before it connects, so its catch-up is recorded too. */
async function connectRecorded(userId: string) {
  const client = await createUserClient(server, app, userId);
  clients.push(client);
  const events = recorder(client);
  const ended: TemporaryChannelEndedEvent[] = [];
  client.on("temporaryChannelEnded", (event) => ended.push(event));
  await client.connect();
  await client.sync();
  return { client, events, ended };
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

const rowCount = async (sql: string, params: unknown[] = []) => Number((await server.database.query<{ count: number }>(sql, params))[0]!.count);
const temporaryChannelIds = async () => new Set((await server.database.query<{ channelId: string }>(`SELECT "channelId" FROM "Channel" WHERE "type" = 5`)).map((row) => row.channelId));
/** The temporary conversations stored since `before`: the sweep may remove earlier tests' expired ones meanwhile, so a refusal is checked by what it added. */
const addedSince = async (before: Set<string>) => [...(await temporaryChannelIds())].filter((channelId) => !before.has(channelId));
const rowsOf = async (channelId: string) => ({
  channels: await rowCount(`SELECT COUNT(*) AS "count" FROM "Channel" WHERE "channelId" = $1`, [channelId]),
  members: await rowCount(`SELECT COUNT(*) AS "count" FROM "ChannelMember" m JOIN "Channel" c ON c."id" = m."channelId" WHERE c."channelId" = $1`, [channelId]),
  messages: await rowCount(`SELECT COUNT(*) AS "count" FROM "Message" m JOIN "Channel" c ON c."id" = m."channelId" WHERE c."channelId" = $1`, [channelId]),
});

describe("temporary conversations", () => {
  it("are created by the app server with fixed members and a time to live, and answer their members", async () => {
    const before = Date.now();
    const answer = await api("/v4/temporary-channel/create", { memberIds: ["cus", "agt", "cus"], ttlSeconds: 3600 });
    expect(answer).toEqual({ status: 200, body: { code: 0, result: { channelId: expect.stringMatching(/^tmp_[A-Za-z0-9_-]{16}$/), memberIds: ["agt", "cus"], expiresAt: expect.any(Number) } } });
    const { channelId, expiresAt } = answer.body.result as { channelId: string; expiresAt: number };
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(expiresAt).toBeLessThan(Date.now() + 3600_000 + 1000);
    expect(await api("/v4/temporary-channel/members/get", { channelId })).toEqual({ status: 200, body: { code: 0, result: { channelId, memberIds: ["agt", "cus"], expiresAt } } });

    const lasting = await api("/v4/temporary-channel/create", { memberIds: ["cus", "agt"] });
    expect((lasting.body.result as { expiresAt: number }).expiresAt).toBeGreaterThanOrEqual(before + 24 * 3600_000);
  });

  it("carry messages live to online members and, while they live, to members who come online later through sync", async () => {
    const channelId = await create(["cus", "agt", "sup"]);
    const agent = await connectRecorded("agt");
    const customer = await connect("cus");
    const sent = await customer.sendTemporaryMessage({ channelId, text: "my order is late" });
    expect(sent).toMatchObject({ channelType: temporary, channelId, senderId: "cus", seq: 1, content: { content: "my order is late" } });
    expect(await agent.events.waitForMessages(1)).toMatchObject([{ messageId: sent.messageId, channelType: temporary, channelId }]);

    expect(await serverSend(channelId, "agt", "let me look")).toEqual({ status: 200, body: { code: 0, result: { messageId: expect.any(String) } } });
    const supervisor = await connectRecorded("sup");
    expect(supervisor.events.texts()).toEqual(["my order is late", "let me look"]);
    expect((await supervisor.client.history({ channelType: temporary, channelId })).messages.map((message) => message.content.content)).toEqual(["let me look", "my order is late"]);
    // The agent's server send reaches the agent's own devices too: the conversation is theirs.
    expect(await agent.events.waitForMessages(2)).toHaveLength(2);
  });

  it("are in nobody's conversation list", async () => {
    const channelId = await create(["ann", "ben"]);
    const ann = await connect("ann");
    await ann.sendTemporaryMessage({ channelId, text: "hi" });
    await ann.sendDirectMessage({ to: "ben", text: "and hi" });
    expect((await ann.listConversations()).conversations.map((conversation) => [conversation.channelType, conversation.channelId])).toEqual([[ChannelType.direct, "ben"]]);
  });

  it("are created by a client, who is one of the members, and only members read their members", async () => {
    const ann = await connect("ann");
    const created = await ann.createTemporaryChannel({ memberIds: ["ben", "kim"], ttlSeconds: 600 });
    expect(created).toEqual({ channelId: expect.stringMatching(/^tmp_/), memberIds: ["ann", "ben", "kim"], expiresAt: expect.any(Number) });
    expect(await ann.temporaryChannelMembers(created.channelId)).toEqual(created);
    const outsider = await connect("out");
    expect(await callError(outsider.temporaryChannelMembers(created.channelId))).toEqual({ code: 1023, message: `out is not a member of temporary conversation ${created.channelId}` });
  });

  it("keep their members fixed: nobody else sends, through a client or the app server, and nothing is stored", async () => {
    const channelId = await create(["cus", "agt"]);
    const outsider = await connect("out");
    expect(await callError(outsider.sendTemporaryMessage({ channelId, text: "let me in" }))).toEqual({ code: 1023, message: `out is not a member of temporary conversation ${channelId}` });
    expect(await serverSend(channelId, "out", "me too")).toEqual({ status: 403, body: { code: 1023, errorMessage: `out is not a member of temporary conversation ${channelId}` } });
    expect(await callError(outsider.history({ channelType: temporary, channelId }))).toEqual({ code: 1023, message: `out is not a member of temporary conversation ${channelId}` });
    // Groups' ways of adding members do not reach them.
    expect(await api("/v4/group-channel/join", { channelId, userIds: ["out"] })).toMatchObject({ status: 404, body: { code: 1010 } });
    expect(await rowsOf(channelId)).toEqual({ channels: 1, members: 2, messages: 0 });
  });

  it("cannot be muted and have no attributes: such calls are refused and change nothing", async () => {
    const channelId = await create(["cus", "agt"]);
    const customer = await connect("cus");
    expect(await callError(customer.setNotificationLevel({ channelType: temporary, channelId, level: 5 }))).toEqual({ code: 1012, message: "Temporary conversations cannot be muted" });
    expect(await callError(customer.notificationLevel({ channelType: temporary, channelId }))).toEqual({ code: 1012, message: "Temporary conversations cannot be muted" });
    expect(await callError(customer.pinConversation({ channelType: temporary, channelId, pinned: true }))).toEqual({ code: 1012, message: "Temporary conversations cannot be pinned" });
    await api("/v4/user/channel/tag/add", { userId: "cus", tags: [{ tagId: "work", tagName: "Work" }] });
    const refusals = [
      { path: "/v4/channel/push/set", body: { requestId: "cus", channelType: "5", channelId, noDisturbLevel: 5 }, errorMessage: "Temporary conversations cannot be muted" },
      { path: "/v4/channel/push/get", body: { requestId: "cus", channelType: "5", channelId }, errorMessage: "Temporary conversations cannot be muted" },
      { path: "/v4/channel-type/push/set", body: { requestId: "cus", channelType: "5", noDisturbLevel: 5 }, errorMessage: "Temporary conversations cannot be muted" },
      { path: "/v4/channel/pin/set", body: { userId: "cus", channelType: 5, channelId, isPin: true }, errorMessage: "Temporary conversations cannot be pinned" },
      { path: "/v4/channel/tag/add", body: { userId: "cus", tagId: "work", channels: [{ channelType: 5, channelId }] }, errorMessage: "Temporary conversations cannot be tagged" },
      { path: "/v4/channel/attribute/get", body: { userId: "cus", channelType: 5, channelId }, errorMessage: "Temporary conversations have no attributes (pin, tags, do-not-disturb level)" },
    ];
    for (const { path, body, errorMessage } of refusals) expect(await api(path, body), path).toEqual({ status: 422, body: { code: 1012, errorMessage } });
    expect(await rowCount(`SELECT COUNT(*) AS "count" FROM "NotificationSetting" WHERE "userId" = 'cus'`)).toBe(0);
    expect(await rowCount(`SELECT COUNT(*) AS "count" FROM "ChannelTag" WHERE "userId" = 'cus'`)).toBe(0);
    const memberships = await server.database.query<{ pinned: unknown }>(`SELECT "pinned" FROM "ChannelMember" WHERE "userId" = 'cus'`);
    expect(memberships.filter((member) => Boolean(member.pinned))).toEqual([]);
  });

  it("end early when the app server says: members are told, everything is gone, and sending answers that it does not exist", async () => {
    const channelId = await create(["lea", "max"]);
    const lea = await connectRecorded("lea");
    await lea.client.sendTemporaryMessage({ channelId, text: "thanks, solved" });
    expect(await api("/v4/temporary-channel/end", { channelId })).toEqual({ status: 200, body: { code: 0 } });
    expect(await waitUntil(() => lea.ended.length === 1)).toBe(true);
    expect(lea.ended).toEqual([{ channelId, reason: "ended" }]);
    expect(await rowsOf(channelId)).toEqual({ channels: 0, members: 0, messages: 0 });

    expect(await callError(lea.client.sendTemporaryMessage({ channelId, text: "one more thing" }))).toEqual({ code: 1010, message: gone(channelId) });
    expect(await serverSend(channelId, "lea", "again")).toEqual({ status: 404, body: { code: 1010, errorMessage: gone(channelId) } });
    expect(await api("/v4/temporary-channel/members/get", { channelId })).toEqual({ status: 404, body: { code: 1010, errorMessage: gone(channelId) } });
    expect(await api("/v4/temporary-channel/end", { channelId })).toEqual({ status: 404, body: { code: 1010, errorMessage: gone(channelId) } });
    const max = await connectRecorded("max");
    expect(max.events.messages).toEqual([]);
  });

  it("expire by themselves: members who come online within the time to live get the messages, after it nothing is left", async () => {
    const kept = await create(["ned", "oli", "pia"], 60);
    const expiring = await create(["ned", "oli", "pia"], 60);
    const ned = await connectRecorded("ned");
    await ned.client.sendTemporaryMessage({ channelId: kept, text: "still here?" });
    await ned.client.sendTemporaryMessage({ channelId: expiring, text: "about to go" });
    const oli = await connectRecorded("oli");
    expect(oli.events.texts().sort()).toEqual(["about to go", "still here?"]);

    await ageRows(server.database, { table: "Channel", where: { channelId: expiring }, columns: ["expiresAt"], ms: 61_000 });
    expect(await waitUntil(() => ned.ended.length === 1 && oli.ended.length === 1, 10_000)).toBe(true);
    expect(ned.ended).toEqual([{ channelId: expiring, reason: "expired" }]);
    expect(await rowsOf(expiring)).toEqual({ channels: 0, members: 0, messages: 0 });
    expect(await rowsOf(kept)).toEqual({ channels: 1, members: 3, messages: 1 });

    const pia = await connectRecorded("pia");
    expect(pia.events.texts()).toEqual(["still here?"]);
    expect(await callError(ned.client.sendTemporaryMessage({ channelId: expiring, text: "hello?" }))).toEqual({ code: 1010, message: gone(expiring) });
    expect(await callError(pia.client.temporaryChannelMembers(expiring))).toEqual({ code: 1010, message: gone(expiring) });
  });

  it("refuse a send as soon as their time is up, before the sweep removes them", async () => {
    const channelId = await create(["quy", "rob"], 60);
    // Up in the past by a minute and more: whatever the sweep has done yet, nobody may send.
    await ageRows(server.database, { table: "Channel", where: { channelId }, columns: ["expiresAt"], ms: 3600_000 });
    expect(await serverSend(channelId, "quy", "late")).toEqual({ status: 404, body: { code: 1010, errorMessage: gone(channelId) } });
  });

  it("are created by a client only with its app server's signature when the app asks for it", async () => {
    const signing = await createTestApp(server, "Signing app");
    await setAppSettings(server, signing, { operationSignatures: ["create"] });
    for (const userId of ["cus", "agt"]) await issueToken(server, signing, userId);
    const unsigned = await connectUser(server, signing, "cus");
    clients.push(unsigned);
    expect(await callError(unsigned.createTemporaryChannel({ memberIds: ["agt"] }))).toEqual({
      code: 1027,
      message: 'This app requires its server\'s signature for "create": pass signature {timestamp, value} (hex HMAC-SHA256)',
    });
    const signed = await connectUser(server, signing, "cus", {
      signOperation: operationSigner(signing, "cus"),
    });
    clients.push(signed);
    expect(await signed.createTemporaryChannel({ memberIds: ["agt"] })).toMatchObject({ memberIds: ["agt", "cus"] });
  });

  const ten = ["ann", "ben", "kim", "lea", "max", "ned", "oli", "pia", "quy", "rob"];
  it.each([
    { body: { memberIds: ["cus"] }, status: 400, code: 1002, errorMessage: "A temporary conversation has 2 to 10 members; memberIds names 1" },
    { body: { memberIds: ["cus", "cus"] }, status: 400, code: 1002, errorMessage: "A temporary conversation has 2 to 10 members; memberIds names 1" },
    { body: { memberIds: [...ten, "cus"] }, status: 400, code: 1002, errorMessage: "A temporary conversation has 2 to 10 members; memberIds names 11" },
    { body: { memberIds: ["cus", "not one"] }, status: 400, code: 1002, errorMessage: "memberIds must be 1 to 64 characters of letters, digits and _ - = + @ ." },
    { body: { memberIds: ["cus", "nobody"] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { body: { memberIds: ["cus", "agt"], ttlSeconds: 59 }, status: 400, code: 1002, errorMessage: "ttlSeconds must be 60 (a minute) to 604800 (7 days)" },
    { body: { memberIds: ["cus", "agt"], ttlSeconds: 604_801 }, status: 400, code: 1002, errorMessage: "ttlSeconds must be 60 (a minute) to 604800 (7 days)" },
    { body: { memberIds: ["cus", "agt"], ttlSeconds: 90.5 }, status: 400, code: 1002, errorMessage: "ttlSeconds: Invalid input: expected int, received number" },
    { body: { memberIds: "cus" }, status: 400, code: 1002, errorMessage: "memberIds: Invalid input: expected array, received string" },
  ])("are not created from $body, and nothing is stored", async ({ body, status, code, errorMessage }) => {
    const before = await temporaryChannelIds();
    expect(await api("/v4/temporary-channel/create", body)).toEqual({ status, body: { code, errorMessage } });
    expect(await addedSince(before)).toEqual([]);
  });

  it("refuse a client's create of more than 10 members with it, or of unknown users, storing nothing", async () => {
    const before = await temporaryChannelIds();
    const cus = await connect("cus");
    expect(await callError(cus.createTemporaryChannel({ memberIds: ten }))).toEqual({ code: 1002, message: "A temporary conversation has 2 to 10 members, you included; memberIds names 11" });
    expect(await callError(cus.createTemporaryChannel({ memberIds: [] }))).toEqual({ code: 1002, message: "A temporary conversation has 2 to 10 members, you included; memberIds names 1" });
    expect(await callError(cus.createTemporaryChannel({ memberIds: ["nobody"] }))).toEqual({ code: 1010, message: "User nobody does not exist" });
    expect(await callError(cus.createTemporaryChannel({ memberIds: ["agt"], ttlSeconds: 0 }))).toEqual({ code: 1002, message: "ttlSeconds must be 60 (a minute) to 604800 (7 days)" });
    expect(await addedSince(before)).toEqual([]);
  });

  it("refuse malformed sends and lookups with what to fix", async () => {
    const channelId = await create(["cus", "agt"]);
    expect(await api("/v4/temporary-channel/message/send", { channelId, fromUserId: "cus", messageType: "RC:TxtMsg", content: "not json" })).toEqual({ status: 400, body: { code: 1002, errorMessage: "content must be a JSON object" } });
    expect(await api("/v4/temporary-channel/members/get", { channelId: "tmp_nothing" })).toEqual({ status: 404, body: { code: 1010, errorMessage: gone("tmp_nothing") } });
    expect(await api("/v4/temporary-channel/members/get", { channelId: "a/b" })).toEqual({ status: 400, body: { code: 1002, errorMessage: "channelId must be 1 to 64 characters of letters, digits and _ - = + @ ." } });
    expect(await api("/v4/temporary-channel/end", {})).toEqual({ status: 400, body: { code: 1002, errorMessage: "channelId: Invalid input: expected string, received undefined" } });
    expect(await rowsOf(channelId)).toEqual({ channels: 1, members: 2, messages: 0 });
  });
});
