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
});
afterAll(() => server?.close());

const path = "/v4/user/delete-for-good";
const register = (target: TestApp, userId: string) => callApi(server, target, "/v4/auth/access-token/issue", { userId, name: userId });
const sendToGroup = (fromUserId: string, text: string) =>
  callApi(server, app, "/v4/group-channel/message/send", { fromUserId, toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: JSON.stringify({ content: text }) });
const groupHistory = async () => {
  const now = Date.now();
  const page = await callApi(server, app, "/v4/group-channel/history-message/list", { userId: "ray", channelId: "crew", startAt: now + 1000, endAt: now - 60_000, pageSize: 100, includeStart: true });
  const { messages } = page.body.result as { messages: { fromUserId: string; messageType: string; content: string }[] };
  return messages.map((message) => `${message.fromUserId}: ${message.messageType === "RC:TxtMsg" ? JSON.parse(message.content).content : message.messageType}`);
};

describe("POST /v4/user/delete-for-good", () => {
  it("frees the development app's quota, which soft-deleted users keep taking", async () => {
    const full = await createTestApp(server, "Full development app");
    for (let i = 0; i < 100; i++) expect((await register(full, `u${i}`)).status).toBe(200);
    expect((await callApi(server, full, "/v4/user/soft-delete", { userIds: ["u0"] })).status).toBe(200);
    expect((await register(full, "u100")).body).toMatchObject({ code: 1020 });

    const live = new Centrifuge(server.wsUrl, { token: await issueToken(server, full, "u1"), websocket: WebSocket });
    const disconnected = new Promise<number>((resolve) => live.on("disconnected", (context) => resolve(context.code)));
    live.connect();
    await live.ready();
    expect(await callApi(server, full, path, { userIds: ["u0", "u1"] })).toEqual({
      status: 200,
      body: { code: 0, result: { userIds: ["u0", "u1"], removedMessages: 0, usersLeft: 2 } },
    });
    expect(await disconnected).toBe(3500);
    expect((await callApi(server, full, "/v4/user/soft-deleted/list", {})).body.result).toEqual({ userIds: [] });
    expect((await register(full, "u100")).status).toBe(200);
    // The id is free: registering it again starts a new user, not a soft-deleted one.
    expect((await register(full, "u0")).status).toBe(200);
    expect((await register(full, "u101")).body).toMatchObject({ code: 1020 });
  }, 60_000);

  it("keeps or removes the messages they sent, by choice, and leaves nothing of them in other users' data", async () => {
    for (const userId of ["ray", "sue", "tom"]) await issueToken(server, app, userId);
    expect((await callApi(server, app, "/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "sue", userIds: ["ray", "tom"] })).status).toBe(200);
    for (const [from, text] of [["ray", "hi all"], ["sue", "hi ray"], ["tom", "hi sue"]] as const) expect((await sendToGroup(from, text)).status).toBe(200);
    expect((await callApi(server, app, "/v4/user/blocklist/add", { userId: "ray", targetUserIds: ["sue", "tom"] })).status).toBe(200);

    expect((await callApi(server, app, path, { userIds: ["sue"] })).body).toEqual({ code: 0, result: { userIds: ["sue"], removedMessages: 0, usersLeft: 98 } });
    expect((await callApi(server, app, path, { userIds: ["tom"], removeMessages: true })).body).toEqual({ code: 0, result: { userIds: ["tom"], removedMessages: 1, usersLeft: 99 } });

    expect(await groupHistory()).toEqual(["sue: hi ray", "ray: hi all", "sue: RC:GrpNtf"]);
    expect((await callApi(server, app, "/v4/user/get", { userId: "sue" })).status).toBe(404);
    expect((await callApi(server, app, "/v4/user/blocklist/get", { userId: "ray" })).body).toMatchObject({ result: { blockedUserIds: [] } });
    // Back under the same id, sue is a new user: in no group, with no messages of the old one counted as hers to delete.
    await issueToken(server, app, "sue");
    expect((await callApi(server, app, "/v4/group-channel/message/send", { fromUserId: "sue", toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: '{"content":"back"}' })).body).toMatchObject({
      code: 1023,
    });
  });

  it.each([
    { body: { userIds: ["nobody"] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { body: { userIds: [] }, status: 400, code: 1002, errorMessage: "userIds must hold 1 to 100 user ids" },
    { body: { userIds: ["ray"], removeMessages: "yes" }, status: 400, code: 1002 },
  ])("answers $body with $status, changing nothing", async ({ body, status, code, errorMessage }) => {
    await issueToken(server, app, "ray");
    const answer = await callApi(server, app, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code, ...(errorMessage && { errorMessage }) });
    expect((await callApi(server, app, "/v4/user/get", { userId: "ray" })).status).toBe(200);
  });

  it("refuses a production app's users: they can only be soft-deleted", async () => {
    const production = await createTestApp(server, "Production app", "production");
    await register(production, "pat");
    expect(await callApi(server, production, path, { userIds: ["pat"] })).toEqual({
      status: 403,
      body: { code: 1009, errorMessage: "Only a development app's users can be deleted for good; soft-delete the users of a production app" },
    });
    expect((await callApi(server, production, "/v4/user/get", { userId: "pat" })).status).toBe(200);
  });
});
