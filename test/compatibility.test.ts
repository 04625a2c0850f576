import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, callLegacyApi, connectUser, createTestApp, newNonce, setAppSettings, signatureHeaders, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const ok = { status: 200, body: { code: 200 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
});
afterAll(() => server?.close());

const legacy = (path: string, fields: Record<string, string | string[]>, options?: Parameters<typeof callLegacyApi>[4]) =>
  callLegacyApi(server, app, path, fields, options);

describe("the older form API", () => {
  it("registers users and answers tokens that connect, signed with a timestamp in seconds", async () => {
    const answer = await legacy("/user/getToken.json", { userId: "una", name: "Una", portraitUri: "https://a.example/u.png" });
    expect(answer).toEqual({ status: 200, body: { code: 200, userId: "una", token: expect.any(String) } });
    await legacy("/user/getToken.json", { userId: "vic", name: "Vic" });
    const info = await legacy("/user/info.json", { userId: "una" });
    expect(info).toEqual({ status: 200, body: { code: 200, userName: "Una", userPortrait: "https://a.example/u.png", createTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) } });
    expect(await legacy("/user/refresh.json", { userId: "una", name: "Una B" })).toEqual(ok);
    expect((await legacy("/user/info.json", { userId: "una" })).body.userName).toBe("Una B");

    const client = await connectUser(server, app, "una");
    expect(await legacy("/user/checkOnline.json", { userId: "una" })).toEqual({ status: 200, body: { code: 200, status: "1" } });
    client.disconnect();
  });

  it("bans and blocklists with repeated keys for lists", async () => {
    expect(await legacy("/user/block.json", { userId: ["una", "vic"], minute: "30" })).toEqual(ok);
    const banned = (await legacy("/user/block/query.json", {})).body.users as { userId: string; blockEndTime: string }[];
    expect(banned.map((user) => user.userId).sort()).toEqual(["una", "vic"]);
    expect(banned[0]!.blockEndTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await legacy("/user/unblock.json", { userId: ["una", "vic"] })).toEqual(ok);
    expect(await legacy("/user/block/query.json", {})).toEqual({ status: 200, body: { code: 200, users: [] } });

    expect(await legacy("/user/blacklist/add.json", { userId: "una", blackUserId: ["vic", "wes"] })).toEqual(ok);
    expect(await legacy("/user/blacklist/query.json", { userId: "una" })).toEqual({ status: 200, body: { code: 200, users: ["vic", "wes"], pageToken: "" } });
    expect(await legacy("/user/blacklist/remove.json", { userId: "una", blackUserId: "vic" })).toEqual(ok);
    expect((await legacy("/user/blacklist/query.json", { userId: "una" })).body.users).toEqual(["wes"]);
  });

  it("expires tokens, deactivates and reactivates users", async () => {
    expect(await legacy("/user/token/expire.json", { userId: "vic", time: String(Date.now()) })).toEqual(ok);
    const deactivated = await legacy("/user/deactivate.json", { userId: "vic" });
    expect(deactivated).toEqual({ status: 200, body: { code: 200, operateId: expect.any(String) } });
    expect(await legacy("/user/deactivate/query.json", {})).toEqual({ status: 200, body: { code: 200, users: ["vic"] } });
    expect((await legacy("/user/reactivate.json", { userId: "vic" })).status).toBe(200);
    expect(await legacy("/user/deactivate/query.json", {})).toEqual({ status: 200, body: { code: 200, users: [] } });
  });

  it("keeps sensitive words", async () => {
    expect(await legacy("/sensitiveword/add.json", { word: "darn", replaceWord: "***" })).toEqual(ok);
    expect(await legacy("/sensitiveword/add.json", { word: "heck" })).toEqual(ok);
    expect(await legacy("/sensitiveword/list.json", { type: "2" })).toEqual({
      status: 200,
      body: { code: 200, words: [{ type: "0", word: "darn", replaceWord: "***" }, { type: "1", word: "heck", replaceWord: "" }] },
    });
    expect(await legacy("/sensitiveword/batch/delete.json", { words: ["darn", "heck"] })).toEqual(ok);
    expect(await legacy("/sensitiveword/list.json", { type: "2" })).toEqual({ status: 200, body: { code: 200, words: [] } });
  });

  it.each([
    { path: "/user/getToken.json", fields: { userId: "x" }, status: 400, code: 1002, errorMessage: "name: Invalid input: expected string, received undefined" },
    { path: "/user/block.json", fields: { userId: "una", minute: "soon" }, status: 400, code: 1002, errorMessage: "minute: expected a whole number" },
    { path: "/user/info.json", fields: { userId: "nobody" }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
  ])("answers $path with $fields in the error shape ($code)", async ({ path, fields, status, code, errorMessage }) => {
    expect(await legacy(path, fields as Record<string, string>)).toEqual({ status, body: { code, errorMessage } });
  });

  it("refuses a bad signature with 1004 and a JSON body with 1003", async () => {
    expect(await legacy("/user/info.json", { userId: "una" }, { headers: signatureHeaders(app, { secret: "wrong" }) })).toEqual({
      status: 401,
      body: { code: 1004, errorMessage: "Signature does not match: expected hex SHA1 of AppSecret + Nonce + Timestamp" },
    });
    const json = await callApi(server, app, "/user/info.json", { userId: "una" });
    expect(json).toEqual({ status: 400, body: { code: 1003, errorMessage: "This endpoint takes a form body (Content-Type: application/x-www-form-urlencoded)" } });
  });
});

describe("nonce replay protection", () => {
  it("is off by default on the older API, on for v4, and per-app settable", async () => {
    const headers = { ...signatureHeaders(app, { timestamp: String(Math.floor(Date.now() / 1000)) }) };
    expect((await legacy("/user/info.json", { userId: "una" }, { headers })).status).toBe(200);
    expect((await legacy("/user/info.json", { userId: "una" }, { headers })).status).toBe(200);

    const v4Headers = signatureHeaders(app);
    expect((await callApi(server, app, "/v4/user/get", { userId: "una" }, { headers: v4Headers })).status).toBe(200);
    expect((await callApi(server, app, "/v4/user/get", { userId: "una" }, { headers: v4Headers })).status).toBe(401);

    await setAppSettings(server, app, { compatibilityNonceReplayProtection: true });
    const nonce = newNonce();
    await expect
      .poll(async () => {
        const once = signatureHeaders(app, { nonce: `${nonce}${Math.floor(Math.random() * 1000)}`.slice(0, 18) });
        await legacy("/user/info.json", { userId: "una" }, { headers: once });
        return (await legacy("/user/info.json", { userId: "una" }, { headers: once })).status;
      }, { timeout: 5000 })
      .toBe(401);
  });

  it("accepts a seconds timestamp only on the older API", async () => {
    const seconds = signatureHeaders(app, { timestamp: String(Math.floor(Date.now() / 1000)) });
    expect((await callApi(server, app, "/v4/user/get", { userId: "una" }, { headers: seconds })).status).toBe(401);
  });
});
