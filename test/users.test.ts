import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["ann", "ben", "cat", "dan"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

const notFound = (userId: string) => ({ status: 404, body: { code: 1010, errorMessage: `User ${userId} does not exist` } });
const invalid = (errorMessage: string) => ({ status: 400, body: { code: 1002, errorMessage } });

/** Connects with the real client and reports how the connection ended. */
async function connectAndWatch(userId: string) {
  const client = new Centrifuge(server.wsUrl, { token: await issueToken(server, app, userId), websocket: WebSocket });
  const disconnected = new Promise<number>((resolve) => client.on("disconnected", (context) => resolve(context.code)));
  client.connect();
  return { client, disconnected };
}

describe("POST /v4/user/get and /v4/user/update", () => {
  it("returns the registration data and changes name and avatar", async () => {
    const before = await callApi(server, app, "/v4/user/get", { userId: "ann" });
    expect(before).toEqual({ status: 200, body: { code: 0, result: { name: "ann", avatarUrl: "", createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } } });

    expect(await callApi(server, app, "/v4/user/update", { userId: "ann", name: "Ann Lee", avatarUrl: "https://a.example/ann.png" })).toEqual({
      status: 200,
      body: { code: 0 },
    });
    const after = await callApi(server, app, "/v4/user/get", { userId: "ann" });
    expect(after.body.result).toEqual({ ...(before.body.result as object), name: "Ann Lee", avatarUrl: "https://a.example/ann.png" });
  });

  it.each([
    { path: "/v4/user/get", body: { userId: "nobody" }, expected: notFound("nobody") },
    { path: "/v4/user/update", body: { userId: "nobody", name: "X" }, expected: notFound("nobody") },
    { path: "/v4/user/update", body: { userId: "ann", name: "" }, expected: invalid("name must be 1 to 64 characters") },
    { path: "/v4/user/get", body: {}, expected: invalid("userId: Invalid input: expected string, received undefined") },
  ])("answers $path with $body: $expected.status", async ({ path, body, expected }) => {
    expect(await callApi(server, app, path, body)).toEqual(expected);
  });

  it("keeps users of another app apart", async () => {
    const other = await createTestApp(server, "Other");
    expect(await callApi(server, other, "/v4/user/get", { userId: "ann" })).toEqual(notFound("ann"));
  });
});

describe("bans", () => {
  it("close the user's sessions at once, refuse connects until lifted, and are listed meanwhile", async () => {
    const live = await connectAndWatch("ben");
    await live.client.ready();
    const before = Date.now();
    expect(await callApi(server, app, "/v4/user/ban", { userIds: ["ben"], durationMinutes: 60 })).toEqual({ status: 200, body: { code: 0 } });
    expect(await live.disconnected).toBe(3503);

    const refused = await connectAndWatch("ben");
    expect(await refused.disconnected).toBe(3503);

    const listed = await callApi(server, app, "/v4/user/ban/list", {});
    const bannedUsers = (listed.body.result as { bannedUsers: { userId: string; banExpiresAt: string }[] }).bannedUsers;
    expect(bannedUsers.map((user) => user.userId)).toEqual(["ben"]);
    const expiresAt = Date.parse(bannedUsers[0]!.banExpiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60 * 60_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 1000);

    expect(await callApi(server, app, "/v4/user/unban", { userIds: ["ben"] })).toEqual({ status: 200, body: { code: 0 } });
    expect(await callApi(server, app, "/v4/user/ban/list", {})).toEqual({ status: 200, body: { code: 0, result: { bannedUsers: [] } } });
    const again = await connectAndWatch("ben");
    await again.client.ready();
    again.client.disconnect();
  });

  it("page the banned users, the soonest ban to end first", async () => {
    await callApi(server, app, "/v4/user/ban", { userIds: ["cat"], durationMinutes: 30 });
    await callApi(server, app, "/v4/user/ban", { userIds: ["dan"], durationMinutes: 10 });
    const page = async (page: number) =>
      ((await callApi(server, app, "/v4/user/ban/list", { page, pageSize: 1 })).body.result as { bannedUsers: { userId: string }[] }).bannedUsers;
    expect(await page(1)).toEqual([expect.objectContaining({ userId: "dan" })]);
    expect(await page(2)).toEqual([expect.objectContaining({ userId: "cat" })]);
    expect(await page(3)).toEqual([]);
    await callApi(server, app, "/v4/user/unban", { userIds: ["cat", "dan"] });
  });

  it.each([
    { path: "/v4/user/ban", body: { userIds: ["ann"], durationMinutes: 0 }, expected: invalid("durationMinutes must be 1 to 43200") },
    { path: "/v4/user/ban", body: { userIds: [], durationMinutes: 5 }, expected: invalid("userIds must hold 1 to 20 user ids") },
    { path: "/v4/user/ban", body: { userIds: ["ann", "nobody"], durationMinutes: 5 }, expected: notFound("nobody") },
    { path: "/v4/user/unban", body: { userIds: ["nobody"] }, expected: notFound("nobody") },
    { path: "/v4/user/ban/list", body: { pageSize: 500 }, expected: invalid("pageSize must be 1 to 100") },
    { path: "/v4/user/ban/list", body: { page: 0 }, expected: invalid("page must be 1 or more") },
  ])("answer $path with $body: $expected.status, banning no one", async ({ path, body, expected }) => {
    expect(await callApi(server, app, path, body)).toEqual(expected);
    expect(await callApi(server, app, "/v4/user/ban/list", {})).toEqual({ status: 200, body: { code: 0, result: { bannedUsers: [] } } });
  });
});

describe("POST /v4/user/connection-status/get", () => {
  const status = async (userId: string) => (await callApi(server, app, "/v4/user/connection-status/get", { userId })).body;

  it('says "1" while the user has a session and "0" once the last one closed', async () => {
    expect(await status("ann")).toEqual({ code: 0, result: { status: "0" } });
    const phone = await connectAndWatch("ann");
    const laptop = await connectAndWatch("ann");
    await Promise.all([phone.client.ready(), laptop.client.ready()]);
    await expect.poll(() => status("ann")).toEqual({ code: 0, result: { status: "1" } });
    phone.client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await status("ann")).toEqual({ code: 0, result: { status: "1" } });
    laptop.client.disconnect();
    await expect.poll(() => status("ann")).toEqual({ code: 0, result: { status: "0" } });
  });

  it("refuses unknown users", async () => {
    expect(await callApi(server, app, "/v4/user/connection-status/get", { userId: "nobody" })).toEqual(notFound("nobody"));
  });
});

describe("registration limits", () => {
  it("stop a development app at 100 users and let a production app grow", async () => {
    const development = await createTestApp(server, "Dev");
    const register = (target: TestApp, userId: string) => callApi(server, target, "/v4/auth/access-token/issue", { userId, name: userId });
    for (let i = 0; i < 100; i++) expect((await register(development, `u${i}`)).status).toBe(200);
    expect(await register(development, "u100")).toEqual({
      status: 403,
      body: { code: 1020, errorMessage: "A development app holds at most 100 users; use a production app for more" },
    });
    expect((await register(development, "u7")).status).toBe(200);
    expect((await callApi(server, development, "/v4/user/get", { userId: "u100" })).status).toBe(404);

    const production = await createTestApp(server, "Prod", "production");
    for (let i = 0; i < 101; i++) expect((await register(production, `p${i}`)).status).toBe(200);
  }, 60_000);
});
