import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["amy", "bob", "cal", "dee", "eli", "fay", "gus", "hal", "ivy"]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

async function connect(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  return client;
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

const blocklistOf = async (userId: string, extra: Record<string, unknown> = {}) =>
  (await callApi(server, app, "/v4/user/blocklist/get", { userId, ...extra })).body.result as { pageToken: string; blockedUserIds: string[] };

describe("blocklists", () => {
  it("refuse the blocked sender's direct messages until unblocked", async () => {
    const amy = await connectUser(server, app, "amy");
    await connectUser(server, app, "bob");
    expect(await callApi(server, app, "/v4/user/blocklist/add", { userId: "bob", targetUserIds: ["amy"] })).toEqual({ status: 200, body: { code: 0 } });

    const refused = await amy.sendDirectMessage({ to: "bob", text: "hi?" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChatCallError);
    expect(refused).toMatchObject({ code: 1019, message: "bob does not accept your messages (blocklist)" });

    expect(await callApi(server, app, "/v4/user/blocklist/remove", { userId: "bob", blockedUserIds: ["amy"] })).toEqual({ status: 200, body: { code: 0 } });
    expect((await amy.sendDirectMessage({ to: "bob", text: "hi again" })).seq).toBeGreaterThan(0);
    amy.disconnect();
  });

  it("list in the order users were blocked, page by page, and newest first on request", async () => {
    for (const target of ["cal", "dee", "eli"]) {
      await callApi(server, app, "/v4/user/blocklist/add", { userId: "amy", targetUserIds: [target] });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await callApi(server, app, "/v4/user/blocklist/add", { userId: "amy", targetUserIds: ["cal"] });
    const first = await blocklistOf("amy", { pageSize: 2 });
    expect(first.blockedUserIds).toEqual(["cal", "dee"]);
    expect(await blocklistOf("amy", { pageSize: 2, pageToken: first.pageToken })).toEqual({ pageToken: "", blockedUserIds: ["eli"] });
    expect((await blocklistOf("amy", { order: 1 })).blockedUserIds).toEqual(["eli", "dee", "cal"]);
  });

  it.each([
    { path: "/v4/user/blocklist/add", body: { userId: "amy", targetUserIds: ["amy"] }, status: 400, code: 1002, errorMessage: "A user cannot block themselves" },
    { path: "/v4/user/blocklist/add", body: { userId: "nobody", targetUserIds: ["amy"] }, status: 404, code: 1010, errorMessage: "User nobody does not exist" },
    { path: "/v4/user/blocklist/add", body: { userId: "amy", targetUserIds: [] }, status: 400, code: 1002, errorMessage: "targetUserIds must hold 1 to 20 user ids" },
    { path: "/v4/user/blocklist/remove", body: { userId: "amy" }, status: 400, code: 1002, errorMessage: "blockedUserIds: Invalid input: expected array, received undefined" },
    { path: "/v4/user/blocklist/get", body: { userId: "amy", pageToken: "garbage" }, status: 400, code: 1002, errorMessage: "pageToken is not one this server issued" },
    { path: "/v4/user/blocklist/get", body: { userId: "amy", order: 2 }, status: 400, code: 1002, errorMessage: "order must be 0 (oldest first) or 1 (newest first)" },
  ])("answer $path with $body: $status", async ({ path, body, status, code, errorMessage }) => {
    const before = await blocklistOf("amy");
    expect(await callApi(server, app, path, body)).toEqual({ status, body: { code, errorMessage } });
    expect(await blocklistOf("amy")).toEqual(before);
  });
});

describe("a client's own blocklist", () => {
  it("refuses the blocked sender's direct messages with 1019 until the user unblocks them, as the app server's list does", async () => {
    const fay = await connect("fay");
    const gus = await connect("gus");
    expect(await fay.isBlocked("gus")).toBe(false);
    await fay.addToBlocklist(["gus"]);
    expect(await fay.isBlocked("gus")).toBe(true);
    expect(await callError(gus.sendDirectMessage({ to: "fay", text: "hi?" }))).toEqual({ code: 1019, message: "fay does not accept your messages (blocklist)" });
    expect(await server.database.query(`SELECT "id" FROM "Message" WHERE "senderId" = 'gus'`)).toEqual([]);
    // One list: the app server sees what the client blocked, and the client what the app server blocked.
    expect((await blocklistOf("fay")).blockedUserIds).toEqual(["gus"]);
    await callApi(server, app, "/v4/user/blocklist/add", { userId: "fay", targetUserIds: ["hal"] });
    expect(await fay.blocklist()).toEqual({ pageToken: "", blockedUserIds: ["gus", "hal"] });

    await fay.removeFromBlocklist(["gus", "hal"]);
    expect(await fay.isBlocked("gus")).toBe(false);
    expect((await gus.sendDirectMessage({ to: "fay", text: "hi again" })).seq).toBeGreaterThan(0);
    expect(await blocklistOf("fay")).toEqual({ pageToken: "", blockedUserIds: [] });
  });

  it("lists in the order users were blocked, page by page, and newest first on request", async () => {
    const hal = await connect("hal");
    for (const target of ["cal", "dee", "eli"]) {
      await hal.addToBlocklist([target]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await hal.addToBlocklist(["cal"]);
    const first = await hal.blocklist({ pageSize: 2 });
    expect(first.blockedUserIds).toEqual(["cal", "dee"]);
    expect(await hal.blocklist({ pageSize: 2, pageToken: first.pageToken })).toEqual({ pageToken: "", blockedUserIds: ["eli"] });
    expect((await hal.blocklist({ order: 1 })).blockedUserIds).toEqual(["eli", "dee", "cal"]);
  });

  it("holds at most 3,000 users, as the app server's does (1012)", async () => {
    const ivy = await connect("ivy");
    for (let batch = 0; batch < 150; batch++) await ivy.addToBlocklist(Array.from({ length: 20 }, (_, i) => `spammer${batch * 20 + i}`));
    expect(await callError(ivy.addToBlocklist(["one-too-many"]))).toEqual({ code: 1012, message: "A blocklist holds at most 3000 users" });
    // Blocking someone already blocked adds nobody, so passes.
    await ivy.addToBlocklist(["spammer0"]);
    expect((await ivy.blocklist({ pageSize: 3000 })).blockedUserIds).toHaveLength(3000);
    expect(await ivy.isBlocked("one-too-many")).toBe(false);
  });

  it.each([
    { method: "blocklist.add", data: { targetUserIds: ["amy"] }, message: "A user cannot block themselves" },
    { method: "blocklist.add", data: { targetUserIds: [] }, message: "targetUserIds must hold 1 to 20 user ids" },
    { method: "blocklist.add", data: { targetUserIds: Array.from({ length: 21 }, (_, i) => `u${i}`) }, message: "targetUserIds must hold 1 to 20 user ids" },
    { method: "blocklist.add", data: { targetUserIds: ["bob", "no spaces"] }, message: "targetUserIds must be 1 to 64 characters of letters, digits and _ - = + @ ." },
    { method: "blocklist.add", data: { targetUserIds: "bob" }, message: "targetUserIds: Invalid input: expected array, received string" },
    { method: "blocklist.remove", data: {}, message: "blockedUserIds: Invalid input: expected array, received undefined" },
    { method: "blocklist.remove", data: { blockedUserIds: Array.from({ length: 21 }, (_, i) => `u${i}`) }, message: "blockedUserIds must hold 1 to 20 user ids" },
    { method: "blocklist.check", data: { targetUserId: 7 }, message: "targetUserId: Invalid input: expected string, received number" },
    { method: "blocklist.check", data: { targetUserId: "" }, message: "targetUserId must be 1 to 64 characters of letters, digits and _ - = + @ ." },
    { method: "blocklist.list", data: { pageToken: "garbage" }, message: "pageToken is not one this server issued" },
    { method: "blocklist.list", data: { order: 2 }, message: "order must be 0 (oldest first) or 1 (newest first)" },
  ])("answers $method with $data: 1002, and changes nothing", async ({ method, data, message }) => {
    const before = await blocklistOf("amy");
    const client = new Centrifuge(server.wsUrl, { token: await issueToken(server, app, "amy"), websocket: WebSocket, minReconnectDelay: 60_000 });
    client.connect();
    try {
      await client.ready();
      const refused = await client.rpc(method, data).then(
        () => null,
        (error: { code: number; message: string }) => ({ code: error.code, message: error.message }),
      );
      expect(refused).toEqual({ code: 1002, message });
    } finally {
      client.disconnect();
    }
    expect(await blocklistOf("amy")).toEqual(before);
  });
});
