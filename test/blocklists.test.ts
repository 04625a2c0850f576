import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatCallError } from "../lib/sdk";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["amy", "bob", "cal", "dee", "eli"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

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
