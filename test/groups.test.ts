import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, callLegacyApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const ok = { status: 200, body: { code: 0 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["amy", "bob", "cal", "dee", "eli", "fay", "una", "vic", "wes"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

const api = (path: string, body: Record<string, unknown>) => callApi(server, app, path, body);
const result = async (path: string, body: Record<string, unknown>) => (await api(path, body)).body.result as Record<string, unknown>;
const members = (channelId: string, extra: Record<string, unknown> = {}) =>
  result("/v4/group-channel/member/list", { channelId, ...extra }) as Promise<{ totalCount: number; pageToken: string; members: { userId: string; role: number }[] }>;
const memberIds = async (channelId: string, extra: Record<string, unknown> = {}) => (await members(channelId, extra)).members.map((member) => member.userId);
const joined = (userId: string, extra: Record<string, unknown> = {}) =>
  result("/v4/group-channel/joined/list", { userId, ...extra }) as Promise<{ pageToken: string; groups: { channelId: string; role: number }[] }>;
const joinedIds = async (userId: string, extra: Record<string, unknown> = {}) => (await joined(userId, extra)).groups.map((group) => group.channelId);
const profiles = async (channelIds: string[]) => (await result("/v4/group-channel/profile/list", { channelIds })).profiles as Record<string, unknown>[];
// Join times are in milliseconds: a pause gives each step its own.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("groups", () => {
  it("are created with their owner and members, and answer their profile", async () => {
    const create = {
      channelId: "team",
      name: "Team",
      owner: "amy",
      userIds: ["bob", "cal", "amy"],
      groupProfile: { introduction: "All of us" },
      permissions: { joinPerm: 1 },
      groupExtProfile: { ext_floor: "3" },
    };
    expect(await api("/v4/group-channel/create", create)).toEqual(ok);
    expect(await profiles(["team", "nothing"])).toEqual([
      {
        channelId: "team",
        name: "Team",
        groupProfile: { introduction: "All of us" },
        groupExtProfile: { ext_floor: "3" },
        permissions: { joinPerm: 1 },
        owner: "amy",
        createdAt: expect.any(Number),
        memberCount: 3,
      },
    ]);
    expect((await members("team")).members).toEqual([
      { userId: "amy", role: 3, nickname: "", extra: "", joinedAt: expect.any(Number) },
      { userId: "bob", role: 1, nickname: "", extra: "", joinedAt: expect.any(Number) },
      { userId: "cal", role: 1, nickname: "", extra: "", joinedAt: expect.any(Number) },
    ]);
  });

  it("take new members, leave members in as they are, and list them page by page by join time and role", async () => {
    await tick();
    const answer = await api("/v4/group-channel/join", { channelId: "team", userIds: ["dee", "bob"] });
    expect(answer).toEqual({ status: 200, body: { code: 0, result: expect.objectContaining({ channelId: "team", owner: "amy", memberCount: 4 }) } });
    await tick();
    await api("/v4/group-channel/join", { channelId: "team", userIds: ["eli"] });
    expect((await profiles(["team"]))[0]).toMatchObject({ memberCount: 5 });

    const first = await members("team", { pageSize: 2 });
    expect(first).toMatchObject({ totalCount: 5, members: [{ userId: "amy" }, { userId: "bob" }] });
    const second = await members("team", { pageSize: 2, pageToken: first.pageToken });
    expect(second).toMatchObject({ totalCount: 5, members: [{ userId: "cal" }, { userId: "dee" }] });
    expect(await members("team", { pageSize: 2, pageToken: second.pageToken })).toMatchObject({ pageToken: "", members: [{ userId: "eli" }] });
    expect(await memberIds("team", { order: 1 })).toEqual(["eli", "dee", "cal", "bob", "amy"]);
    expect(await members("team", { memberRole: 3 })).toMatchObject({ totalCount: 1, members: [{ userId: "amy", role: 3 }] });
    expect((await members("team", { memberRole: 1 })).totalCount).toBe(4);
    expect((await members("team", { memberRole: 2 })).members).toEqual([]);
  });

  it("list the groups a user is in by join time, with their role", async () => {
    await tick();
    expect(await api("/v4/group-channel/create", { channelId: "club", name: "Club", owner: "dee", userIds: ["bob"] })).toEqual(ok);
    expect(await joined("bob")).toEqual({
      pageToken: "",
      groups: [
        {
          channelId: "team",
          name: "Team",
          groupProfile: { introduction: "All of us" },
          groupExtProfile: { ext_floor: "3" },
          permissions: { joinPerm: 1 },
          owner: "amy",
          createdAt: expect.any(Number),
          memberCount: 5,
          role: 1,
          joinedAt: expect.any(Number),
        },
        { channelId: "club", name: "Club", groupProfile: {}, groupExtProfile: {}, permissions: {}, owner: "dee", createdAt: expect.any(Number), memberCount: 2, role: 1, joinedAt: expect.any(Number) },
      ],
    });
    expect(await joinedIds("bob", { order: 1 })).toEqual(["club", "team"]);
    // The name a member gave a group comes with it.
    expect(await api("/v4/group-channel/alias/set", { channelId: "club", userId: "bob", alias: "Book club" })).toEqual(ok);
    expect((await joined("bob")).groups.find((group) => group.channelId === "club")).toMatchObject({ alias: "Book club" });
    expect((await joined("bob")).groups.find((group) => group.channelId === "team")).not.toHaveProperty("alias");
    expect(await api("/v4/group-channel/alias/delete", { channelId: "club", userId: "bob" })).toEqual(ok);
    const first = await joined("bob", { pageSize: 1 });
    expect(first.groups.map((group) => group.channelId)).toEqual(["team"]);
    expect(await joinedIds("bob", { pageSize: 1, pageToken: first.pageToken })).toEqual(["club"]);
    expect(await joined("dee", { role: 3 })).toMatchObject({ groups: [{ channelId: "club", role: 3 }] });
    expect(await joinedIds("dee", { role: 1 })).toEqual(["team"]);
    expect(await joinedIds("fay")).toEqual([]);
  });

  it("let members leave, ignoring non-members, and stay without an owner when the owner leaves", async () => {
    const leave = { channelId: "team", userIds: ["amy", "fay", "cal"], shouldDeleteMute: 1, shouldDeleteAllowedSendersList: 0, shouldDeleteFavorites: 0 };
    expect(await api("/v4/group-channel/leave", leave)).toEqual(ok);
    expect((await profiles(["team"]))[0]).toMatchObject({ owner: "", memberCount: 3 });
    expect(await memberIds("team")).toEqual(["bob", "dee", "eli"]);
    expect(await memberIds("team", { memberRole: 3 })).toEqual([]);
    expect(await joinedIds("amy")).toEqual([]);
    expect(await api("/v4/group-channel/leave", { channelId: "team", userIds: ["amy"] })).toEqual(ok);
  });

  it("are dismissed with their members", async () => {
    expect(await api("/v4/group-channel/dismiss", { channelId: "club" })).toEqual(ok);
    expect(await profiles(["club"])).toEqual([]);
    expect(await joinedIds("dee")).toEqual(["team"]);
    expect(await api("/v4/group-channel/member/list", { channelId: "club" })).toEqual({ status: 404, body: { code: 1010, errorMessage: "Group club does not exist" } });
  });

  const idRule = "must be 1 to 64 characters of letters, digits and _ - = + @ .";
  const many = (count: number, prefix = "u") => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
  it.each([
    { path: "/v4/group-channel/create", body: { channelId: "new one", name: "N", owner: "amy" }, status: 400, code: 1002, errorMessage: `channelId ${idRule}` },
    { path: "/v4/group-channel/create", body: { channelId: "x".repeat(65), name: "N", owner: "amy" }, status: 400, code: 1002, errorMessage: `channelId ${idRule}` },
    { path: "/v4/group-channel/create", body: { channelId: "fresh", name: "", owner: "amy" }, status: 400, code: 1002, errorMessage: "name must be 1 to 64 characters" },
    { path: "/v4/group-channel/create", body: { channelId: "fresh", name: "N" }, status: 400, code: 1002, errorMessage: "owner: Invalid input: expected string, received undefined" },
    { path: "/v4/group-channel/create", body: { channelId: "fresh", name: "N", owner: "nobody" }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/group-channel/create", body: { channelId: "fresh", name: "N", owner: "amy", userIds: ["bob", "nobody"] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/group-channel/create", body: { channelId: "fresh", name: "N", owner: "amy", userIds: many(31) }, status: 400, code: 1002, errorMessage: "userIds must hold 1 to 30 user ids" },
    { path: "/v4/group-channel/create", body: { channelId: "team", name: "Again", owner: "amy" }, status: 409, code: 1011, errorMessage: "Group team exists already" },
    {
      path: "/v4/group-channel/create",
      body: { channelId: "fresh", name: "N", owner: "amy", groupExtProfile: { floor: "3" } },
      status: 400,
      code: 1002,
      errorMessage: "groupExtProfile key floor must look like ext_name (letters, digits, _)",
    },
    {
      path: "/v4/group-channel/create",
      body: { channelId: "fresh", name: "N", owner: "amy", groupExtProfile: Object.fromEntries(many(11, "ext_").map((key) => [key, "v"])) },
      status: 400,
      code: 1002,
      errorMessage: "groupExtProfile holds at most 10 entries",
    },
    { path: "/v4/group-channel/join", body: { channelId: "fresh", userIds: ["amy"] }, status: 404, code: 1010, errorMessage: "Group fresh does not exist" },
    { path: "/v4/group-channel/join", body: { channelId: "team", userIds: ["fay", "nobody"] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/group-channel/join", body: { channelId: "team", userIds: [] }, status: 400, code: 1002, errorMessage: "userIds must hold 1 to 30 user ids" },
    { path: "/v4/group-channel/join", body: { channelId: "team", userIds: many(31) }, status: 400, code: 1002, errorMessage: "userIds must hold 1 to 30 user ids" },
    { path: "/v4/group-channel/leave", body: { channelId: "fresh", userIds: ["amy"] }, status: 404, code: 1010, errorMessage: "Group fresh does not exist" },
    { path: "/v4/group-channel/leave", body: { channelId: "team", userIds: ["bob", "no one"] }, status: 400, code: 1002, errorMessage: `userIds ${idRule}` },
    { path: "/v4/group-channel/dismiss", body: { channelId: "fresh" }, status: 404, code: 1010, errorMessage: "Group fresh does not exist" },
    { path: "/v4/group-channel/member/list", body: { channelId: "team", memberRole: 4 }, status: 400, code: 1002, errorMessage: "memberRole must be 0 (all), 1 (member), 2 (admin) or 3 (owner)" },
    { path: "/v4/group-channel/member/list", body: { channelId: "team", pageSize: 101 }, status: 400, code: 1002, errorMessage: "pageSize must be 1 to 100" },
    { path: "/v4/group-channel/member/list", body: { channelId: "team", pageToken: "garbage" }, status: 400, code: 1002, errorMessage: "pageToken is not one this server issued" },
    { path: "/v4/group-channel/joined/list", body: { userId: "nobody" }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/group-channel/joined/list", body: { userId: "bob", order: 2 }, status: 400, code: 1002, errorMessage: "order must be 0 (oldest first) or 1 (newest first)" },
    { path: "/v4/group-channel/profile/list", body: { channelIds: many(21) }, status: 400, code: 1002, errorMessage: "channelIds must hold 1 to 20 group ids" },
    { path: "/v4/group-channel/profile/list", body: { channelIds: [] }, status: 400, code: 1002, errorMessage: "channelIds must hold 1 to 20 group ids" },
  ])("refuse $body at $path ($code), changing nothing", async ({ path, body, status, code, errorMessage }) => {
    const state = async () => ({ profiles: await profiles(["team", "fresh"]), members: await members("team"), fay: await joined("fay") });
    const before = await state();
    expect(await api(path, body)).toEqual({ status, body: { code, errorMessage } });
    expect(await state()).toEqual(before);
  });
});

describe("groups in the older form API", () => {
  const legacy = (path: string, fields: Record<string, string | string[]>) => callLegacyApi(server, app, path, fields);
  const legacyOk = { status: 200, body: { code: 200 } };

  it("are created with the first user as owner, joined, quit, queried and dismissed", async () => {
    expect(await legacy("/group/create.json", { userId: ["una", "vic"], groupId: "old", groupName: "Old" })).toEqual(legacyOk);
    expect(await legacy("/group/user/query.json", { groupId: "old" })).toEqual({ status: 200, body: { code: 200, users: [{ id: "una" }, { id: "vic" }] } });
    expect((await profiles(["old"]))[0]).toMatchObject({ name: "Old", owner: "una", memberCount: 2 });

    await tick();
    expect(await legacy("/group/join.json", { userId: "wes", groupId: "old", groupName: "Old" })).toEqual(legacyOk);
    expect(await legacy("/group/quit.json", { userId: ["una"], groupId: "old" })).toEqual(legacyOk);
    expect((await legacy("/group/user/query.json", { groupId: "old" })).body.users).toEqual([{ id: "vic" }, { id: "wes" }]);

    expect(await legacy("/group/dismiss.json", { userId: "vic", groupId: "old" })).toEqual(legacyOk);
    expect(await legacy("/group/user/query.json", { groupId: "old" })).toEqual({ status: 404, body: { code: 1010, errorMessage: "Group old does not exist" } });
  });

  it.each([
    { path: "/group/create.json", fields: { groupId: "old2", groupName: "N" }, status: 400, code: 1002, errorMessage: "userId: Invalid input" },
    { path: "/group/create.json", fields: { userId: "nobody", groupId: "old2", groupName: "N" }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/group/join.json", fields: { userId: "una", groupId: "old2" }, status: 404, code: 1010, errorMessage: "Group old2 does not exist" },
    { path: "/group/quit.json", fields: { userId: "una", groupId: "old2" }, status: 404, code: 1010, errorMessage: "Group old2 does not exist" },
    { path: "/group/dismiss.json", fields: { userId: "una", groupId: "old2" }, status: 404, code: 1010, errorMessage: "Group old2 does not exist" },
  ])("answer $path with $fields in the error shape ($code)", async ({ path, fields, status, code, errorMessage }) => {
    expect(await legacy(path, fields as Record<string, string>)).toEqual({ status, body: { code, errorMessage } });
    expect(await profiles(["old2"])).toEqual([]);
  });
});
