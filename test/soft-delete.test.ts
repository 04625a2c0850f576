import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
});
afterAll(() => server?.close());

const softDeleted = async () => ((await callApi(server, app, "/v4/user/soft-deleted/list", {})).body.result as { userIds: string[] }).userIds;

describe("soft delete and restore", () => {
  it("disconnect the user, erase their data, keep the id reserved, and restore the id without the data", async () => {
    await issueToken(server, app, "zoe");
    const oldToken = await issueToken(server, app, "yan");
    await callApi(server, app, "/v4/user/update", { userId: "yan", avatarUrl: "https://a.example/y.png" });
    await callApi(server, app, "/v4/user/blocklist/add", { userId: "yan", targetUserIds: ["zoe"] });
    const live = new Centrifuge(server.wsUrl, { token: oldToken, websocket: WebSocket });
    const disconnected = new Promise<number>((resolve) => live.on("disconnected", (context) => resolve(context.code)));
    live.connect();
    await live.ready();

    const deleted = await callApi(server, app, "/v4/user/soft-delete", { userIds: ["yan"] });
    expect(deleted).toEqual({ status: 200, body: { code: 0, result: { operationId: expect.any(String) } } });
    expect(await disconnected).toBe(3500);
    expect(await softDeleted()).toEqual(["yan"]);
    expect((await callApi(server, app, "/v4/user/get", { userId: "yan" })).status).toBe(404);
    expect(await callApi(server, app, "/v4/auth/access-token/issue", { userId: "yan", name: "Yan" })).toEqual({
      status: 403,
      body: { code: 1009, errorMessage: "User yan was soft-deleted; restore it first" },
    });
    const zoe = await connectUser(server, app, "zoe");
    expect(await zoe.sendDirectMessage({ to: "yan", text: "hello?" }).catch((error: { code: number }) => error.code)).toBe(1010);
    // yan was in the user cache (connected): the app server's sends are refused as well.
    const serverSend = { fromUserId: "zoe", toUserIds: ["yan"], messageType: "RC:TxtMsg", content: '{"content":"hello?"}' };
    expect(await callApi(server, app, "/v4/direct-channel/message/send", serverSend)).toEqual({ status: 404, body: { code: 1010, errorMessage: "User yan does not exist" } });

    expect((await callApi(server, app, "/v4/user/restore", { userIds: ["yan"] })).status).toBe(200);
    expect(await softDeleted()).toEqual([]);
    expect(await callApi(server, app, "/v4/user/get", { userId: "yan" })).toMatchObject({ status: 200, body: { result: { name: "", avatarUrl: "" } } });
    expect(await callApi(server, app, "/v4/user/blocklist/get", { userId: "yan" })).toMatchObject({ body: { result: { blockedUserIds: [] } } });
    const refused = new Centrifuge(server.wsUrl, { token: oldToken, websocket: WebSocket });
    const refusedCode = new Promise<number>((resolve) => refused.on("error", (context) => resolve(context.error.code)));
    refused.connect();
    expect(await refusedCode).toBe(109);
    refused.disconnect();
    const fresh = await connectUser(server, app, "yan");
    fresh.disconnect();
    zoe.disconnect();
  });

  it.each([
    { path: "/v4/user/soft-delete", body: { userIds: ["nobody"] }, status: 404, errorMessage: "User nobody does not exist" },
    { path: "/v4/user/restore", body: { userIds: ["zoe"] }, status: 404, errorMessage: "User zoe is not soft-deleted" },
    { path: "/v4/user/soft-delete", body: { userIds: [] }, status: 400, errorMessage: "userIds must hold 1 to 100 user ids" },
  ])("answer $path with $body: $status, changing nothing", async ({ path, body, status, errorMessage }) => {
    const before = await softDeleted();
    expect(await callApi(server, app, path, body)).toEqual({ status, body: { code: status === 404 ? 1010 : 1002, errorMessage } });
    expect(await softDeleted()).toEqual(before);
  });
});
