import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@switchboard/sdk";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const sent: ChatMessage[] = [];
const path = "/v4/direct-channel/history-message/list";

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  const ray = await connectUser(server, app, "ray");
  const sue = await connectUser(server, app, "sue");
  await issueToken(server, app, "tom");
  for (let i = 0; i < 5; i++) sent.push(await (i % 2 ? sue : ray).sendDirectMessage({ to: i % 2 ? "ray" : "sue", text: `m${i}` }));
  await ray.sendDirectMessage({ to: "tom", text: "elsewhere" });
  ray.disconnect();
  sue.disconnect();
});
afterAll(() => server?.close());

describe("POST /v4/direct-channel/history-message/list", () => {
  it("pages the messages between two users, newest first, from either user's side", async () => {
    const now = Date.now() + 1000;
    const page = await callApi(server, app, path, { userId: "ray", channelId: "sue", startAt: now, endAt: now - 60_000, pageSize: 3, includeStart: true });
    const messages = (page.body.result as { messages: { messageId: string; fromUserId: string; content: string; channelId: string }[] }).messages;
    expect(messages.map((message) => message.messageId)).toEqual(sent.slice(2).reverse().map((message) => message.messageId));
    expect(messages[0]).toEqual({
      channelId: "sue",
      fromUserId: "ray",
      messageId: sent[4]!.messageId,
      sentAt: sent[4]!.sentAt,
      messageType: "RC:TxtMsg",
      content: JSON.stringify({ content: "m4" }),
      hasMetadata: false,
      aiGenerated: false,
    });

    const fromSue = await callApi(server, app, path, { userId: "sue", channelId: "ray", startAt: now, endAt: now - 60_000, pageSize: 100, includeStart: true });
    expect((fromSue.body.result as { messages: unknown[] }).messages).toHaveLength(5);
  });

  it("names the message a reply quotes, as the contract's quote", async () => {
    const quoted = sent[0]!;
    const reply = { content: "agreed", referMsgUid: quoted.messageId, objName: "RC:TxtMsg", referMsgUserId: quoted.senderId, referMsg: quoted.content };
    const sentReply = await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "sue", toUserIds: ["ray"], messageType: "RC:ReferenceMsg", content: JSON.stringify(reply) });
    const { messageId } = (sentReply.body.result as { messageIds: { messageId: string }[] }).messageIds[0]!;
    const now = Date.now() + 1000;
    const page = await callApi(server, app, path, { userId: "ray", channelId: "sue", startAt: now, endAt: now - 60_000, pageSize: 1, includeStart: true });
    const [listed] = (page.body.result as { messages: { messageId: string; quote?: string }[] }).messages;
    expect(listed!.messageId).toBe(messageId);
    expect(JSON.parse(listed!.quote!)).toEqual({ msgUID: quoted.messageId, objectName: "RC:TxtMsg", fromUserId: "ray" });
  });

  it("excludes the message at startAt unless includeStart, and nothing before endAt", async () => {
    const newest = sent[4]!;
    const older = (body: Record<string, unknown>) => callApi(server, app, path, { userId: "ray", channelId: "sue", pageSize: 100, ...body });
    const without = await older({ startAt: newest.sentAt, endAt: newest.sentAt - 60_000, includeStart: false });
    expect((without.body.result as { messages: { messageId: string }[] }).messages.map((message) => message.messageId)).not.toContain(newest.messageId);
    const none = await older({ startAt: sent[0]!.sentAt - 1, endAt: sent[0]!.sentAt - 60_000, includeStart: true });
    expect(none.body).toEqual({ code: 0, result: { messages: [] } });
  });

  it.each([
    { body: { startAt: 1000, endAt: 2000 }, status: 400, errorMessage: "startAt must not be before endAt: the page runs from startAt back to endAt" },
    { body: { startAt: 15 * 86_400_000, endAt: 0 }, status: 400, errorMessage: "startAt and endAt may be at most 14 days apart" },
    { body: { startAt: 2000, endAt: 1000, pageSize: 0 }, status: 400, errorMessage: "pageSize must be 1 to 100" },
    { body: { startAt: 2000, endAt: 1000, userId: "nobody" }, status: 404, errorMessage: "User nobody does not exist" },
  ])("answers $errorMessage", async ({ body, status, errorMessage }) => {
    const answer = await callApi(server, app, path, { userId: "ray", channelId: "sue", includeStart: true, ...body });
    expect(answer).toEqual({ status, body: { code: status === 404 ? 1010 : 1002, errorMessage } });
  });
});
