import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxInputDepth } from "../lib/chat/base/errors";
import { type ConsoleSession, signInToConsole } from "./support/console-session";
import { jsonText, NestedJson } from "./support/nested-json";
import { callApi, callLegacyApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// Input deep rather than large: 200,000 nested brackets (400 KB, under the body limit), or
// as many as fit where less may come, in every place a client, an app server or an
// operator hands the server JSON. Each is refused
// with 1002 naming the limit, and the server goes on serving.
const deep = new NestedJson(200_000);
/** As deep as fits a message's content (128 KB) and a gateway frame (256 KB): 120 KB. */
const deepContent = new NestedJson(60_000);
const refusedAsTooDeep = { code: 1002, errorMessage: expect.stringContaining(`more than ${maxInputDepth} levels deep`) };

let server: TestServer;
let app: TestApp;
let console_: ConsoleSession;

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["ann", "bob"]) await callApi(server, app, "/v4/auth/access-token/issue", { userId, name: userId });
  console_ = await signInToConsole(server);
});
afterAll(() => server?.close());

describe("input nested deeper than the limit", () => {
  it("is refused as a Platform API body, and calls after it are answered", async () => {
    const answer = await callApi(server, app, "/v4/user/get", null, { rawBody: deep.text });
    expect(answer).toEqual({ status: 400, body: refusedAsTooDeep });
    expect((await callApi(server, app, "/v4/user/get", { userId: "ann" })).status).toBe(200);
  });

  it("is refused inside a field, and as message content in JSON and form bodies", async () => {
    const inField = await callApi(server, app, "/v4/user/get", { userId: "ann", extra: deep });
    expect(inField).toEqual({ status: 400, body: refusedAsTooDeep });
    const content = await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["bob"], messageType: "RC:TxtMsg", content: deepContent.text });
    expect(content).toEqual({ status: 400, body: { code: 1002, errorMessage: `content nests objects and arrays more than ${maxInputDepth} levels deep` } });
    const form = await callLegacyApi(server, app, "/message/private/publish.json", { fromUserId: "ann", toUserId: "bob", objectName: "RC:TxtMsg", content: deepContent.text });
    expect(form.body).toMatchObject({ code: 1002 });
  });

  it("is refused as a gateway RPC's data, and the connection goes on serving", async () => {
    const socket = new WebSocket(server.wsUrl);
    const replies = new Map<number, { error?: { code: number; message: string } }>();
    socket.on("message", (data) => {
      for (const line of data.toString().split("\n")) {
        const frame = JSON.parse(line) as { id?: number; error?: { code: number; message: string } };
        if (frame.id) replies.set(frame.id, frame);
      }
    });
    await new Promise((resolve, reject) => socket.on("open", resolve).on("error", reject));
    const reply = async (id: number, command: Record<string, unknown>) => {
      socket.send(jsonText({ id, ...command }));
      await expect.poll(() => replies.get(id), { timeout: 10_000 }).toBeDefined();
      return replies.get(id)!;
    };
    expect((await reply(1, { connect: { token: await issueToken(server, app, "ann") } })).error).toBeUndefined();
    const send = { channelType: 1, channelId: "bob", messageType: "RC:TxtMsg" };
    const nested = await reply(2, { rpc: { method: "message.send", data: { ...send, content: { content: "hi", extra: deepContent } } } });
    expect(nested.error).toEqual({ code: 1002, message: `The input nests objects and arrays more than ${maxInputDepth} levels deep` });
    expect((await reply(3, { rpc: { method: "will.set", data: { ...send, content: deepContent } } })).error?.code).toBe(1002);
    expect((await reply(4, { rpc: { method: "message.send", data: { ...send, content: { content: "still here" } } } })).error).toBeUndefined();
    socket.close();
  });

  it("is refused as a console API body", async () => {
    const answer = await console_.send("PATCH", `/api/console/apps/${app.appKey}/settings`, { clientMessagesPerSecond: 50, extra: deep }, { origin: server.url });
    expect(answer).toEqual({ status: 400, body: refusedAsTooDeep });
  });
});
