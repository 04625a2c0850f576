import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const ok = { status: 200, body: { code: 0 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["ada", "bo", "cy", "di", "ed", "fi"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

const relationship = async (userId: string, targetId: string) =>
  ((await callApi(server, app, "/v4/friend/relationship/get", { userId, targetIds: [targetId] })).body.result as { friendships: { result: number }[] }).friendships[0]!
    .result;
const friendsOf = async (userId: string, extra: Record<string, unknown> = {}) =>
  (await callApi(server, app, "/v4/friend/list", { userId, ...extra })).body.result as {
    pageToken: string;
    totalCount: number;
    friends: { userId: string; name: string; alias: string; friendExtProfile: Record<string, string>; addedAt: number }[];
  };

describe("friends", () => {
  it("are added directly by default, for both users, and removed for both", async () => {
    expect(await callApi(server, app, "/v4/friend/add", { userId: "ada", targetId: "bo" })).toEqual(ok);
    expect([await relationship("ada", "bo"), await relationship("bo", "ada")]).toEqual([4, 4]);
    expect(await friendsOf("bo")).toEqual({
      pageToken: "",
      totalCount: 1,
      friends: [{ userId: "ada", name: "ada", alias: "", friendExtProfile: {}, addedAt: expect.any(Number) }],
    });
    expect(await callApi(server, app, "/v4/friend/remove", { userId: "bo", targetIds: ["ada"] })).toEqual(ok);
    expect([await relationship("ada", "bo"), await relationship("bo", "ada")]).toEqual([1, 1]);
  });

  it("with approval become friends once the target adds back, and follow each user's permission", async () => {
    expect(await callApi(server, app, "/v4/friend/add", { userId: "cy", targetId: "di", action: 1, extra: "hi, it's cy" })).toEqual(ok);
    expect(await relationship("cy", "di")).toBe(1);
    expect(await callApi(server, app, "/v4/friend/add", { userId: "di", targetId: "cy", action: 1 })).toEqual(ok);
    expect(await relationship("cy", "di")).toBe(4);

    expect(await callApi(server, app, "/v4/friend/permission/set", { userIds: ["ed"], permissionType: 1 })).toEqual(ok);
    expect(await callApi(server, app, "/v4/friend/permission/set", { userIds: ["fi"], permissionType: 3 })).toEqual(ok);
    expect(await callApi(server, app, "/v4/friend/permission/get", { userIds: ["ed", "fi", "ada"] })).toEqual({
      status: 200,
      body: { code: 0, result: { permissions: [{ userId: "ed", permissionType: 1 }, { userId: "fi", permissionType: 3 }, { userId: "ada", permissionType: 2 }] } },
    });
    await callApi(server, app, "/v4/friend/add", { userId: "cy", targetId: "ed", action: 1 });
    expect(await relationship("cy", "ed")).toBe(4);
    expect(await callApi(server, app, "/v4/friend/add", { userId: "cy", targetId: "fi" })).toEqual({
      status: 403,
      body: { code: 1009, errorMessage: "fi accepts no friend requests" },
    });
  });

  it("keep an alias and ext_ attributes per friend, page by time, and all go with remove-all", async () => {
    expect(await callApi(server, app, "/v4/friend/profile/set", { userId: "cy", targetId: "di", alias: "Dee", friendExtProfile: { ext_team: "blue" } })).toEqual(ok);
    const first = await friendsOf("cy", { pageSize: 1 });
    expect(first).toMatchObject({ totalCount: 2, friends: [{ userId: "di", alias: "Dee", friendExtProfile: { ext_team: "blue" } }] });
    expect(await friendsOf("cy", { pageSize: 1, pageToken: first.pageToken })).toMatchObject({ pageToken: "", friends: [{ userId: "ed" }] });
    expect((await friendsOf("cy", { order: 1 })).friends.map((friend) => friend.userId)).toEqual(["ed", "di"]);
    expect(await callApi(server, app, "/v4/friend/profile/set", { userId: "cy", targetId: "di" })).toEqual(ok);
    expect((await friendsOf("cy")).friends[0]!.alias).toBe("");

    expect(await callApi(server, app, "/v4/friend/remove-all", { userId: "cy" })).toEqual(ok);
    expect(await friendsOf("cy")).toEqual({ pageToken: "", totalCount: 0, friends: [] });
    expect(await relationship("di", "cy")).toBe(1);
  });

  it("alone may exchange direct messages when the app restricts them to friends", async () => {
    const restricted = await createTestApp(server, "Friends only");
    const { settings } = await setAppSettings(server, restricted, { directMessagesFriendsOnly: true });
    expect(settings).toMatchObject({ directMessagesFriendsOnly: true });
    const gus = await connectUser(server, restricted, "gus");
    await connectUser(server, restricted, "hal");
    expect(await gus.sendDirectMessage({ to: "hal", text: "hi" }).then(() => 0, (error: { code: number }) => error.code)).toBe(1021);
    await callApi(server, restricted, "/v4/friend/add", { userId: "gus", targetId: "hal" });
    expect((await gus.sendDirectMessage({ to: "hal", text: "hi, friend" })).seq).toBeGreaterThan(0);
    gus.disconnect();
  });

  it.each([
    { path: "/v4/friend/add", body: { userId: "ada", targetId: "ada" }, status: 400, code: 1002, errorMessage: "A user cannot befriend themselves" },
    { path: "/v4/friend/add", body: { userId: "ada", targetId: "nobody" }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/friend/add", body: { userId: "ada", targetId: "bo", action: 3 }, status: 400, code: 1002, errorMessage: "action must be 1 (with approval) or 2 (directly)" },
    { path: "/v4/friend/profile/set", body: { userId: "ada", targetId: "fi", alias: "x" }, status: 404, code: 1010, errorMessage: "fi is not a friend of ada" },
    {
      path: "/v4/friend/permission/set",
      body: { userIds: ["ada"], permissionType: 7 },
      status: 400,
      code: 1002,
      errorMessage: "permissionType must be 1 (everyone), 2 (with approval) or 3 (nobody)",
    },
    { path: "/v4/friend/list", body: { userId: "ada", pageSize: 1000 }, status: 400, code: 1002, errorMessage: "pageSize must be 1 to 100" },
  ])("answer $path with $body: $status", async ({ path, body, status, code, errorMessage }) => {
    expect(await callApi(server, app, path, body)).toEqual({ status, body: { code, errorMessage } });
  });

  it("refuse ext attributes that are not ext_ keys, changing nothing", async () => {
    await callApi(server, app, "/v4/friend/add", { userId: "ada", targetId: "bo" });
    expect(await callApi(server, app, "/v4/friend/profile/set", { userId: "ada", targetId: "bo", alias: "B", friendExtProfile: { team: "x" } })).toEqual({
      status: 400,
      body: { code: 1002, errorMessage: "friendExtProfile key team must look like ext_name (letters, digits, _)" },
    });
    expect((await friendsOf("ada")).friends[0]).toMatchObject({ alias: "", friendExtProfile: {} });
  });
});
