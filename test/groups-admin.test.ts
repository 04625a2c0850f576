import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "./support/chat-clients";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const ok = { status: 200, body: { code: 0 } };
const crowd = Array.from({ length: 11 }, (_, index) => `m${index}`);

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["amy", "bob", "cal", "dee", "eli", "fay", ...crowd]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
const result = async (path: string, body: Record<string, unknown>) => (await api(path, body)).body.result as Record<string, unknown>;
const roles = async (channelId: string) =>
  Object.fromEntries(((await result("/v4/group-channel/member/list", { channelId })).members as { userId: string; role: number }[]).map((member) => [member.userId, member.role]));

async function connect(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  return client;
}

async function sendError(client: SwitchboardClient, groupId: string) {
  const error = await client.sendGroupMessage({ groupId, text: "hello" }).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

describe("group administration", () => {
  it("records the owner as creator and lists the app's groups page by page", async () => {
    expect(await api("/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "amy", userIds: ["bob", "cal", "dee"] })).toEqual(ok);
    expect(await api("/v4/group-channel/create", { channelId: "big", name: "Big", owner: "eli", userIds: crowd.slice(0, 10) })).toEqual(ok);
    expect(await api("/v4/group-channel/join", { channelId: "big", userIds: [crowd[10]!] })).toMatchObject(ok);
    const first = await result("/v4/group-channel/list", { pageSize: 1 });
    expect(first).toEqual({ pageToken: expect.any(String), groups: [{ channelId: "crew", name: "Crew", groupProfile: {}, creator: "amy", owner: "amy", createdAt: expect.any(Number) }] });
    expect(await result("/v4/group-channel/list", { pageSize: 1, pageToken: first.pageToken })).toMatchObject({ pageToken: "", groups: [{ channelId: "big", creator: "eli" }] });
    expect(((await result("/v4/group-channel/list", { order: 1 })).groups as { channelId: string }[]).map((group) => group.channelId)).toEqual(["big", "crew"]);
  });

  it("sets a member's nickname and extra profile, and gets given members", async () => {
    expect(await api("/v4/group-channel/member/set", { channelId: "crew", userId: "bob", nickname: "Bobby", extra: "{\"seat\":1}" })).toEqual(ok);
    expect(await api("/v4/group-channel/member/set", { channelId: "crew", userId: "bob", extra: "" })).toEqual(ok);
    expect(await result("/v4/group-channel/member/batch/get", { channelId: "crew", userIds: ["bob", "fay", "amy"] })).toEqual({
      pageToken: "",
      totalCount: 2,
      members: [
        { userId: "bob", role: 1, nickname: "Bobby", extra: "", joinedAt: expect.any(Number) },
        { userId: "amy", role: 3, nickname: "", extra: "", joinedAt: expect.any(Number) },
      ],
    });
  });

  it("makes members admins, at most 10, and admins members again", async () => {
    expect(await api("/v4/group-channel/admin/add", { channelId: "crew", userIds: ["bob", "amy"] })).toEqual(ok);
    expect(await roles("crew")).toEqual({ amy: 3, bob: 2, cal: 1, dee: 1 });
    expect(await api("/v4/group-channel/admin/remove", { channelId: "crew", userIds: ["bob", "cal"] })).toEqual(ok);
    expect(await roles("crew")).toEqual({ amy: 3, bob: 1, cal: 1, dee: 1 });
    expect(await api("/v4/group-channel/admin/add", { channelId: "big", userIds: crowd.slice(0, 10) })).toEqual(ok);
    const before = await roles("big");
    expect(await api("/v4/group-channel/admin/add", { channelId: "big", userIds: [crowd[10]!] })).toEqual({
      status: 422,
      body: { code: 1012, errorMessage: "A group has at most 10 admins; it has 10" },
    });
    expect(await roles("big")).toEqual(before);
  });

  it("keeps each member's alias of the group", async () => {
    expect(await api("/v4/group-channel/alias/set", { channelId: "crew", userId: "cal", alias: "Work" })).toEqual(ok);
    expect(await result("/v4/group-channel/alias/get", { channelId: "crew", userId: "cal" })).toEqual({ alias: "Work" });
    expect(await result("/v4/group-channel/alias/get", { channelId: "crew", userId: "bob" })).toEqual({ alias: "" });
    expect(await api("/v4/group-channel/alias/delete", { channelId: "crew", userId: "cal" })).toEqual(ok);
    expect(await result("/v4/group-channel/alias/get", { channelId: "crew", userId: "cal" })).toEqual({ alias: "" });
  });

  it("keeps the members a member follows", async () => {
    expect(await api("/v4/group-channel/member/favorites/add", { channelId: "crew", userId: "cal", favoriteIds: ["amy", "bob"] })).toEqual(ok);
    expect(await api("/v4/group-channel/member/favorites/add", { channelId: "crew", userId: "cal", favoriteIds: ["bob"] })).toEqual(ok);
    expect(await result("/v4/group-channel/member/favorites/list", { channelId: "crew", userId: "cal" })).toEqual({
      userId: "cal",
      channelId: "crew",
      favorites: [
        { userId: "amy", favoritedAt: expect.any(Number) },
        { userId: "bob", favoritedAt: expect.any(Number) },
      ],
    });
    expect(await api("/v4/group-channel/member/favorites/remove", { channelId: "crew", userId: "cal", favoriteIds: ["amy", "dee"] })).toEqual(ok);
    expect(await result("/v4/group-channel/member/favorites/list", { channelId: "crew", userId: "cal" })).toMatchObject({ favorites: [{ userId: "bob" }] });
  });

  it("transfers ownership: the previous owner stays a member, or leaves with shouldLeave", async () => {
    expect(await api("/v4/group-channel/transfer/owner", { channelId: "crew", newOwner: "bob" })).toEqual(ok);
    expect(await roles("crew")).toEqual({ amy: 1, bob: 3, cal: 1, dee: 1 });
    expect(await api("/v4/group-channel/transfer/owner", { channelId: "crew", newOwner: "amy", shouldLeave: 1, shouldDeleteFavorites: 1 })).toEqual(ok);
    expect(await roles("crew")).toEqual({ amy: 3, cal: 1, dee: 1 });
    expect((await result("/v4/group-channel/profile/list", { channelIds: ["crew"] })).profiles).toMatchObject([{ owner: "amy", memberCount: 3 }]);
  });

  it("updates the given parts of a group's profile", async () => {
    expect(await api("/v4/group-channel/profile/update", { channelId: "crew", groupProfile: { introduction: "Ours" }, groupExtProfile: { ext_floor: "2" } })).toEqual(ok);
    expect((await result("/v4/group-channel/profile/list", { channelIds: ["crew"] })).profiles).toMatchObject([
      { groupProfile: { introduction: "Ours" }, groupExtProfile: { ext_floor: "2" }, permissions: {} },
    ]);
  });

  it("freezes a group: members' sends are refused, its allowed senders' accepted, until unfrozen", async () => {
    const [amy, cal] = [await connect("amy"), await connect("cal")];
    expect(await api("/v4/group-channel/freeze-list/add", { channelIds: ["crew"] })).toEqual(ok);
    expect(await api("/v4/group-channel/allowed-sender-list/add", { channelId: "crew", userIds: ["cal"] })).toEqual(ok);
    expect(await result("/v4/group-channel/freeze-list/get", {})).toEqual({ freezeStatuses: [{ channelId: "crew", status: 1 }] });
    expect(await result("/v4/group-channel/freeze-list/get", { channelIds: ["crew", "big", "none"] })).toEqual({
      freezeStatuses: [
        { channelId: "crew", status: 1 },
        { channelId: "big", status: 0 },
      ],
    });
    expect(await result("/v4/group-channel/allowed-sender-list/get", { channelId: "crew" })).toEqual({ userIds: ["cal"] });

    expect(await sendError(amy, "crew")).toEqual({ code: 1025, message: "Group crew is frozen" });
    expect(await cal.sendGroupMessage({ groupId: "crew", text: "allowed" })).toMatchObject({ seq: expect.any(Number) });

    expect(await api("/v4/group-channel/freeze-list/remove", { channelIds: ["crew"] })).toEqual(ok);
    expect(await amy.sendGroupMessage({ groupId: "crew", text: "thawed" })).toMatchObject({ seq: expect.any(Number) });
    expect(await api("/v4/group-channel/allowed-sender-list/remove", { channelId: "crew", userIds: ["cal"] })).toEqual(ok);
    expect(await result("/v4/group-channel/allowed-sender-list/get", { channelId: "crew" })).toEqual({ userIds: [] });
  });

  it("mutes a member in a group until the mute ends or is removed, allowed senders excepted", async () => {
    const dee = await connect("dee");
    expect(await api("/v4/group-channel/user/mute-list/add", { channelId: "crew", userIds: ["dee"], durationMinutes: 5 })).toEqual(ok);
    expect(await result("/v4/group-channel/user/mute-list/get", { channelId: "crew" })).toEqual({
      mutedMembers: [{ userId: "dee", muteExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }],
    });
    expect(await sendError(dee, "crew")).toEqual({ code: 1022, message: "You are muted in group crew" });

    await api("/v4/group-channel/allowed-sender-list/add", { channelId: "crew", userIds: ["dee"] });
    expect(await dee.sendGroupMessage({ groupId: "crew", text: "allowed" })).toMatchObject({ seq: expect.any(Number) });
    await api("/v4/group-channel/allowed-sender-list/remove", { channelId: "crew", userIds: ["dee"] });

    // The mute ends by itself: move its end into the past (the join time, in the database's own time format).
    await server.database.execute(`UPDATE "ChannelMember" SET "mutedUntil" = "joinedAt" WHERE "userId" = $1`, ["dee"]);
    expect(await dee.sendGroupMessage({ groupId: "crew", text: "free again" })).toMatchObject({ seq: expect.any(Number) });
    expect(await result("/v4/group-channel/user/mute-list/get", { channelId: "crew" })).toEqual({ mutedMembers: [] });

    await api("/v4/group-channel/user/mute-list/add", { channelId: "crew", userIds: ["dee"], durationMinutes: 5 });
    expect(await api("/v4/group-channel/user/mute-list/remove", { channelId: "crew", userIds: ["dee"] })).toEqual(ok);
    expect(await dee.sendGroupMessage({ groupId: "crew", text: "unmuted" })).toMatchObject({ seq: expect.any(Number) });
  });

  it("mutes users in every group without a channelId", async () => {
    const cal = await connect("cal");
    expect(await api("/v4/group-channel/user/mute-list/add", { userIds: ["cal"], durationMinutes: 60 })).toEqual(ok);
    expect(await result("/v4/group-channel/user/mute-list/get", {})).toEqual({
      mutedMembers: [{ userId: "cal", mutedAt: expect.any(String), muteExpiresAt: expect.any(String) }],
    });
    expect(await sendError(cal, "crew")).toEqual({ code: 1022, message: "You are muted in group crew" });
    expect(await api("/v4/group-channel/user/mute-list/remove", { userIds: ["cal"] })).toEqual(ok);
    expect(await result("/v4/group-channel/user/mute-list/get", {})).toEqual({ mutedMembers: [] });
    expect(await cal.sendGroupMessage({ groupId: "crew", text: "back" })).toMatchObject({ seq: expect.any(Number) });
  });

  it("tells online members of changes with RC:GrpNtf messages, kept in the group's history", async () => {
    const cal = await connect("cal");
    await cal.sync(); // past notices arrive with the catch-up; record only what follows
    const events = recorder(cal);
    const notices = () => events.messages.filter((message) => message.messageType === "RC:GrpNtf");
    await api("/v4/group-channel/join", { channelId: "crew", userIds: ["fay"] });
    await api("/v4/group-channel/profile/update", { channelId: "crew", permissions: { joinPerm: 2 } });
    await api("/v4/group-channel/transfer/owner", { channelId: "crew", newOwner: "cal" });
    await api("/v4/group-channel/leave", { channelId: "crew", userIds: ["fay"] });
    await waitUntil(() => notices().length >= 4);
    expect(notices().map((message) => [message.senderId, message.content])).toEqual([
      ["amy", { operation: "Add", operatorUserId: "amy", data: { targetUserIds: ["fay"] } }],
      ["amy", { operation: "Update", operatorUserId: "amy", data: { permissions: { joinPerm: 2 } } }],
      ["amy", { operation: "Transfer", operatorUserId: "amy", data: { newOwner: "cal", previousOwner: "amy", previousOwnerLeft: false } }],
      ["fay", { operation: "Quit", operatorUserId: "fay", data: { targetUserIds: ["fay"] } }],
    ]);
    const history = await cal.history({ channelType: ChannelType.group, channelId: "crew", limit: 4 });
    expect(history.messages.map((message) => message.content.operation)).toEqual(["Quit", "Transfer", "Update", "Add"]);
  });

  it("kicks a user out of every group, and dismisses a group after telling its members", async () => {
    const eli = recorder(await connect("eli"));
    await api("/v4/group-channel/join", { channelId: "crew", userIds: ["m0"] });
    expect(await api("/v4/group-channel/member/kickout-all", { userId: "m0" })).toEqual(ok);
    expect((await result("/v4/group-channel/joined/list", { userId: "m0" })).groups).toEqual([]);
    await waitUntil(() => eli.messages.some((message) => message.content.operation === "Kicked"));
    expect(eli.messages.find((message) => message.content.operation === "Kicked")?.content).toEqual({ operation: "Kicked", operatorUserId: "eli", data: { targetUserIds: ["m0"] } });

    expect(await api("/v4/group-channel/dismiss", { channelId: "big" })).toEqual(ok);
    await waitUntil(() => eli.messages.some((message) => message.content.operation === "Dismiss"));
    expect(eli.messages.at(-1)).toMatchObject({ channelId: "big", messageType: "RC:GrpNtf", content: { operation: "Dismiss", operatorUserId: "eli", data: {} } });
  });

  const many = (count: number) => Array.from({ length: count }, (_, index) => `x${index}`);
  it.each([
    { path: "/v4/group-channel/member/set", body: { channelId: "crew", userId: "eli", nickname: "E" }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/member/set", body: { channelId: "crew", userId: "cal", nickname: "n".repeat(65) }, status: 400, code: 1002, errorMessage: "nickname must be at most 64 characters" },
    { path: "/v4/group-channel/member/set", body: { channelId: "none", userId: "cal" }, status: 404, code: 1010, errorMessage: "Group none does not exist" },
    { path: "/v4/group-channel/member/batch/get", body: { channelId: "crew", userIds: [] }, status: 400, code: 1002, errorMessage: "userIds must hold 1 to 100 user ids" },
    { path: "/v4/group-channel/admin/add", body: { channelId: "crew", userIds: ["dee", "eli"] }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/transfer/owner", body: { channelId: "crew", newOwner: "eli" }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/transfer/owner", body: { channelId: "none", newOwner: "eli" }, status: 404, code: 1010, errorMessage: "Group none does not exist" },
    { path: "/v4/group-channel/profile/update", body: { channelId: "crew" }, status: 400, code: 1002, errorMessage: "Name groupProfile, permissions or groupExtProfile" },
    { path: "/v4/group-channel/profile/update", body: { channelId: "crew", groupExtProfile: { floor: "1" } }, status: 400, code: 1002, errorMessage: "groupExtProfile key floor must look like ext_name (letters, digits, _)" },
    { path: "/v4/group-channel/list", body: { pageSize: 101 }, status: 400, code: 1002, errorMessage: "pageSize must be 1 to 100" },
    { path: "/v4/group-channel/alias/set", body: { channelId: "crew", userId: "cal", alias: "" }, status: 400, code: 1002, errorMessage: "alias must be 1 to 64 characters" },
    { path: "/v4/group-channel/alias/set", body: { channelId: "crew", userId: "eli", alias: "A" }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/member/favorites/add", body: { channelId: "crew", userId: "cal", favoriteIds: ["eli"] }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/member/favorites/add", body: { channelId: "crew", userId: "cal", favoriteIds: many(31) }, status: 400, code: 1002, errorMessage: "favoriteIds must hold 1 to 30 user ids" },
    { path: "/v4/group-channel/member/kickout-all", body: { userId: "nobody" }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/group-channel/user/mute-list/add", body: { channelId: "crew", userIds: ["cal"], durationMinutes: 0 }, status: 400, code: 1002, errorMessage: "durationMinutes must be 1 to 43200" },
    { path: "/v4/group-channel/user/mute-list/add", body: { channelId: "crew", userIds: ["eli"], durationMinutes: 5 }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/user/mute-list/add", body: { userIds: ["nobody"], durationMinutes: 5 }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/group-channel/freeze-list/add", body: { channelIds: ["crew", "none"] }, status: 404, code: 1010, errorMessage: "Group none does not exist" },
    { path: "/v4/group-channel/freeze-list/add", body: { channelIds: [] }, status: 400, code: 1002, errorMessage: "channelIds must hold 1 to 20 group ids" },
    { path: "/v4/group-channel/allowed-sender-list/add", body: { channelId: "crew", userIds: ["eli"] }, status: 403, code: 1023, errorMessage: "eli is not a member of group crew" },
    { path: "/v4/group-channel/allowed-sender-list/get", body: { channelId: "none" }, status: 404, code: 1010, errorMessage: "Group none does not exist" },
  ])("refuses $body at $path ($code), changing nothing", async ({ path, body, status, code, errorMessage }) => {
    const state = async () => ({
      profiles: await result("/v4/group-channel/profile/list", { channelIds: ["crew"] }),
      members: await result("/v4/group-channel/member/list", { channelId: "crew" }),
      mutes: await result("/v4/group-channel/user/mute-list/get", { channelId: "crew" }),
      appMutes: await result("/v4/group-channel/user/mute-list/get", {}),
      freezes: await result("/v4/group-channel/freeze-list/get", {}),
      allowed: await result("/v4/group-channel/allowed-sender-list/get", { channelId: "crew" }),
      favorites: await result("/v4/group-channel/member/favorites/list", { channelId: "crew", userId: "cal" }),
      alias: await result("/v4/group-channel/alias/get", { channelId: "crew", userId: "cal" }),
    });
    const before = await state();
    expect(await api(path, body)).toEqual({ status, body: { code, errorMessage } });
    expect(await state()).toEqual(before);
  });
});
