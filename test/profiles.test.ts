import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const ok = { status: 200, body: { code: 0 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["kim", "lou", "max"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

const profiles = async (userIds: string[]) => (await callApi(server, app, "/v4/user/profile/batch/get", { userIds })).body.result;
const tags = async (userIds: string[]) => (await callApi(server, app, "/v4/user/tag/batch/get", { userIds })).body.result;

describe("hosted user profiles", () => {
  it("keep the parts set, count versions, list by last change and clear", async () => {
    expect(await callApi(server, app, "/v4/user/profile/set", { userId: "kim", userProfile: { city: "Oslo", level: 3 } })).toEqual(ok);
    expect(await callApi(server, app, "/v4/user/profile/set", { userId: "kim", userExtProfile: { ext_vip: "gold" } })).toEqual(ok);
    expect(await callApi(server, app, "/v4/user/profile/set", { userId: "lou", userProfile: { city: "Rome" } })).toEqual(ok);
    expect(await profiles(["kim", "max"])).toEqual({
      users: [{ userId: "kim", version: 2, userProfile: { city: "Oslo", level: 3 }, userExtProfile: { ext_vip: "gold" } }],
    });
    const listed = (await callApi(server, app, "/v4/user/profile/list", { order: 1 })).body.result as { users: { userId: string }[] };
    expect(listed.users.map((user) => user.userId)).toEqual(["lou", "kim"]);

    expect(await callApi(server, app, "/v4/user/profile/delete", { userIds: ["kim"] })).toEqual(ok);
    expect(await profiles(["kim"])).toEqual({ users: [] });
  });

  it.each([
    { body: { userId: "kim" }, status: 400, code: 1002, errorMessage: "userProfile or userExtProfile is required" },
    { body: { userId: "kim", userExtProfile: { vip: "x" } }, status: 400, code: 1002, errorMessage: "userExtProfile key vip must look like ext_name (letters, digits, _)" },
    { body: { userId: "kim", userProfile: { bio: "x".repeat(9000) } }, status: 400, code: 1002, errorMessage: "userProfile exceeds 8192 bytes" },
    { body: { userId: "nobody", userProfile: {} }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
  ])("refuse $errorMessage, changing nothing", async ({ body, status, code, errorMessage }) => {
    const before = await profiles(["kim"]);
    expect(await callApi(server, app, "/v4/user/profile/set", body)).toEqual({ status, body: { code, errorMessage } });
    expect(await profiles(["kim"])).toEqual(before);
  });
});

describe("user tags", () => {
  it("replace each user's tags with the set given, and clear with an empty one", async () => {
    expect(await callApi(server, app, "/v4/user/tag/batch/set", { userIds: ["kim", "lou"], tags: ["vip", "beta", "vip"] })).toEqual(ok);
    expect(await callApi(server, app, "/v4/user/tag/batch/set", { userIds: ["lou"], tags: ["staff"] })).toEqual(ok);
    expect(await tags(["kim", "lou", "max"])).toEqual({
      users: [
        { userId: "kim", tags: ["beta", "vip"] },
        { userId: "lou", tags: ["staff"] },
        { userId: "max", tags: [] },
      ],
    });
    expect(await callApi(server, app, "/v4/user/tag/batch/set", { userIds: ["kim"], tags: [] })).toEqual(ok);
    expect(await tags(["kim"])).toEqual({ users: [{ userId: "kim", tags: [] }] });
  });

  it.each([
    { body: { userIds: ["kim"], tags: ["has space"] }, status: 400, code: 1002, errorMessage: 'tag "has space" must be 1 to 40 characters without spaces or commas' },
    { body: { userIds: ["kim"], tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, status: 400, code: 1002, errorMessage: "tags holds at most 20 tags" },
    { body: { userIds: ["kim", "nobody"], tags: ["x"] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
  ])("refuse $errorMessage, changing nothing", async ({ body, status, code, errorMessage }) => {
    const before = await tags(["kim"]);
    expect(await callApi(server, app, "/v4/user/tag/batch/set", body)).toEqual({ status, body: { code, errorMessage } });
    expect(await tags(["kim"])).toEqual(before);
  });

  it("and profiles go with a soft delete", async () => {
    await callApi(server, app, "/v4/user/profile/set", { userId: "max", userProfile: { city: "Lima" } });
    await callApi(server, app, "/v4/user/tag/batch/set", { userIds: ["max"], tags: ["x"] });
    await callApi(server, app, "/v4/user/soft-delete", { userIds: ["max"] });
    await callApi(server, app, "/v4/user/restore", { userIds: ["max"] });
    expect(await profiles(["max"])).toEqual({ users: [] });
    expect(await tags(["max"])).toEqual({ users: [{ userId: "max", tags: [] }] });
  });
});
