import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, type SwitchboardClient } from "@switchboard/sdk";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const ok = { status: 200, body: { code: 0 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["ann", "ben", "cat", "dan"]) await issueToken(server, app, userId);
  await callApi(server, app, "/v4/group-channel/create", { channelId: "room", name: "Room", owner: "ann", userIds: ["ben"] });
  await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: '{"content":"hi"}' });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
const result = async (path: string, body: Record<string, unknown>) => (await api(path, body)).body.result as Record<string, unknown>;
const attributes = (userId: string, channelType: number, channelId: string) => result("/v4/channel/attribute/get", { userId, channelType, channelId });

describe("conversation management", () => {
  it("pins a member's conversation", async () => {
    expect(await api("/v4/channel/pin/set", { userId: "ben", channelType: 3, channelId: "room", isPin: true })).toEqual(ok);
    const pinned = (await attributes("ben", 3, "room")) as { pin: { isPinned: boolean; pinnedAt: number } };
    expect(pinned.pin.isPinned).toBe(true);
    expect(Math.abs(pinned.pin.pinnedAt - Date.now())).toBeLessThan(60_000);
    const ben = await connectUser(server, app, "ben");
    clients.push(ben);
    expect((await ben.listConversations()).conversations[0]).toMatchObject({ channelType: 3, channelId: "room", pinned: true });
    expect(await api("/v4/channel/pin/set", { userId: "ben", channelType: 3, channelId: "room", isPin: false })).toEqual(ok);
    expect((await attributes("ben", 3, "room")) as object).toMatchObject({ pin: { isPinned: false } });
    expect(((await attributes("ben", 3, "room")) as { pin: object }).pin).not.toHaveProperty("pinnedAt");
  });

  it("keeps do-not-disturb levels per conversation, falling back to the channel type's", async () => {
    const level = (path: string, body: Record<string, unknown>) => result(path, { requestId: "ann", ...body });
    expect(await level("/v4/channel/push/get", { channelType: "1", channelId: "ben" })).toEqual({ noDisturbLevel: 0 });
    expect(await api("/v4/channel-type/push/set", { requestId: "ann", channelType: "1", noDisturbLevel: 1 })).toEqual(ok);
    expect(await level("/v4/channel-type/push/get", { channelType: "1" })).toEqual({ noDisturbLevel: 1 });
    expect(await level("/v4/channel/push/get", { channelType: "1", channelId: "ben" })).toEqual({ noDisturbLevel: 1 });
    expect(await api("/v4/channel/push/set", { requestId: "ann", channelType: "1", channelId: "ben", noDisturbLevel: 5 })).toEqual(ok);
    expect(await level("/v4/channel/push/get", { channelType: "1", channelId: "ben" })).toEqual({ noDisturbLevel: 5 });
    expect(await attributes("ann", 1, "ben")).toMatchObject({ notification: { level: 5 } });
    expect(await api("/v4/channel/push/set", { requestId: "ann", channelType: "1", channelId: "ben", noDisturbLevel: 0 })).toEqual(ok);
    expect(await level("/v4/channel/push/get", { channelType: "1", channelId: "ben" })).toEqual({ noDisturbLevel: 1 });
  });

  it("lets a client set and read its conversations' levels and list its tags over the gateway", async () => {
    const cat = await connectUser(server, app, "cat");
    clients.push(cat);
    await cat.setNotificationLevel({ channelType: ChannelType.group, channelId: "room", level: -1 });
    expect(await cat.notificationLevel({ channelType: ChannelType.group, channelId: "room" })).toEqual({ level: -1 });
    expect(await result("/v4/channel/push/get", { requestId: "cat", channelType: "3", channelId: "room" })).toEqual({ noDisturbLevel: -1 });
    await api("/v4/user/channel/tag/add", { userId: "cat", tags: [{ tagId: "work", tagName: "Work" }] });
    expect(await cat.conversationTags()).toEqual({ tags: [{ tagId: "work", tagName: "Work", createdAt: expect.any(Number) }] });
  });

  it("keeps a user's tags and the conversations carrying them", async () => {
    expect(await api("/v4/user/channel/tag/add", { userId: "ann", tags: [{ tagId: "fam", tagName: "Family" }, { tagId: "job", tagName: "Job" }] })).toEqual(ok);
    expect(await api("/v4/user/channel/tag/add", { userId: "ann", tags: [{ tagId: "job", tagName: "Work" }] })).toEqual(ok);
    expect(await result("/v4/user/channel/tag/list", { userId: "ann" })).toEqual({
      userId: "ann",
      tags: [
        { tagId: "fam", tagName: "Family", createdAt: expect.any(Number) },
        { tagId: "job", tagName: "Work", createdAt: expect.any(Number) },
      ],
    });
    const channels = [
      { channelId: "ben", channelType: 1 },
      { channelId: "room", channelType: 3 },
    ];
    expect(await api("/v4/channel/tag/add", { userId: "ann", tagId: "job", channels })).toEqual(ok);
    expect(await api("/v4/channel/tag/add", { userId: "ann", tagId: "fam", channels: [channels[0]] })).toEqual(ok);
    expect(await result("/v4/channel/tag/list", { userId: "ann", tagId: "job" })).toEqual({ tagId: "job", channels });
    expect(await attributes("ann", 1, "ben")).toEqual({
      channelId: "ben",
      channelType: 1,
      pin: { isPinned: false },
      notification: { level: 1 },
      tags: [
        { tagId: "job", tagName: "Work" },
        { tagId: "fam", tagName: "Family" },
      ],
    });
    expect(await api("/v4/channel/tag/delete", { userId: "ann", tagId: "job", channels: [channels[1]] })).toEqual(ok);
    expect(await result("/v4/channel/tag/list", { userId: "ann", tagId: "job" })).toEqual({ tagId: "job", channels: [channels[0]] });
    expect(await api("/v4/user/channel/tag/remove", { userId: "ann", tagIds: ["fam"] })).toEqual(ok);
    expect(await attributes("ann", 1, "ben")).toMatchObject({ tags: [{ tagId: "job", tagName: "Work" }] });
  });

  const many = (count: number) => Array.from({ length: count }, (_, index) => ({ tagId: `t${index}`, tagName: `T${index}` }));
  it.each([
    { path: "/v4/channel/pin/set", body: { userId: "dan", channelType: 3, channelId: "room", isPin: true }, status: 403, code: 1023, errorMessage: "dan is not a member of group room" },
    { path: "/v4/channel/pin/set", body: { userId: "dan", channelType: 1, channelId: "ann", isPin: true }, status: 404, code: 1010, errorMessage: "dan has no conversation with ann" },
    { path: "/v4/channel/pin/set", body: { userId: "ann", channelType: 3, channelId: "none", isPin: true }, status: 404, code: 1010, errorMessage: "Group none does not exist" },
    { path: "/v4/channel/push/set", body: { requestId: "ann", channelType: "1", channelId: "ben", noDisturbLevel: 6 }, status: 400, code: 1002, errorMessage: "noDisturbLevel must be -1 to 5" },
    { path: "/v4/channel/push/set", body: { requestId: "ann", channelType: "11", channelId: "ben", noDisturbLevel: 1 }, status: 400, code: 1002, errorMessage: "channelType must be a channel type, 1 to 10" },
    { path: "/v4/channel-type/push/set", body: { requestId: "nobody", channelType: "3", noDisturbLevel: 1 }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/user/channel/tag/add", body: { userId: "ann", tags: [{ tagId: "x", tagName: "" }] }, status: 400, code: 1002, errorMessage: "tagName must be 1 to 32 characters" },
    { path: "/v4/user/channel/tag/add", body: { userId: "ann", tags: many(20) }, status: 422, code: 1012, errorMessage: "A user has at most 20 tags; ann has 1" },
    { path: "/v4/user/channel/tag/add", body: { userId: "nobody", tags: [{ tagId: "x", tagName: "X" }] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/channel/tag/add", body: { userId: "ann", tagId: "none", channels: [{ channelId: "ben", channelType: 1 }] }, status: 404, code: 1010, errorMessage: "ann has no tag none" },
    { path: "/v4/channel/tag/add", body: { userId: "ann", tagId: "job", channels: [{ channelId: "ben", channelType: 2 }] }, status: 400, code: 1002, errorMessage: "channelType must be one of 1, 3, 4, 6, 7, 10" },
    { path: "/v4/channel/tag/add", body: { userId: "ann", tagId: "job", channels: [] }, status: 400, code: 1002, errorMessage: "channels must hold 1 to 100 conversations" },
    { path: "/v4/channel/attribute/get", body: { userId: "ann", channelType: 3, channelId: "none" }, status: 404, code: 1010, errorMessage: "Group none does not exist" },
  ])("refuses $body at $path ($code), changing nothing", async ({ path, body, status, code, errorMessage }) => {
    const state = async () => ({
      tags: await result("/v4/user/channel/tag/list", { userId: "ann" }),
      job: await result("/v4/channel/tag/list", { userId: "ann", tagId: "job" }),
      ben: await attributes("ann", 1, "ben"),
      room: await attributes("ben", 3, "room"),
    });
    const before = await state();
    expect(await api(path, body)).toEqual({ status, body: { code, errorMessage } });
    expect(await state()).toEqual(before);
  });
});
