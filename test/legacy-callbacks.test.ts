import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { waitUntil } from "./support/chat-clients";
import { addWebhookEndpoint, callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp, waitForConnectionStatus } from "./support/platform-api";
import { startFcmStandIn } from "./support/push-services";
import { startTestServer, type TestServer } from "./support/test-server";

type Received = { contentType: string; signed: boolean; body: string };

let server: TestServer;
const clients: SwitchboardClient[] = [];
const receivers: Server[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  for (const receiver of receivers) receiver.closeAllConnections();
  await Promise.all(receivers.map((receiver) => new Promise((resolve) => receiver.close(resolve))));
});

/** A receiver built for the older API: it checks the signature the same way and keeps each request as it came. */
async function startReceiver(app: TestApp, answer: (body: string) => unknown = () => "ok") {
  const received: Received[] = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const query = new URL(request.url!, "http://receiver").searchParams;
      const expected = createHash("sha1").update(app.appSecret + query.get("nonce") + query.get("signTimestamp")).digest("hex");
      received.push({ contentType: request.headers["content-type"] ?? "", signed: query.get("signature") === expected && query.get("appKey") === app.appKey, body });
      const answered = answer(body);
      response.writeHead(200, { "content-type": "application/json" }).end(typeof answered === "string" ? answered : JSON.stringify(answered));
    });
  });
  receivers.push(receiver);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback`, received };
}

async function cli(...args: string[]) {
  const result = await server.cli(args);
  expect(result, result.stderr).toMatchObject({ code: 0 });
  return result.stdout;
}

const forms = (received: Received[]) =>
  received.filter((request) => request.contentType === "application/x-www-form-urlencoded").map((request) => Object.fromEntries(new URLSearchParams(request.body)));

describe("older-style callbacks", () => {
  let app: TestApp;
  let legacy: Awaited<ReturnType<typeof startReceiver>>;
  let v4: Awaited<ReturnType<typeof startReceiver>>;
  const api = async (path: string, body: Record<string, unknown>) => expect((await callApi(server, app, path, body)).body).toMatchObject({ code: 0 });

  beforeAll(async () => {
    app = await createTestApp(server, "Legacy receiver");
    [legacy, v4] = await Promise.all([startReceiver(app), startReceiver(app)]);
    expect(await cli("webhooks", "add", "--app", app.appKey, "--url", legacy.url, "--style", "legacy")).toContain(`${legacy.url}  legacy  every event`);
    await addWebhookEndpoint(server, app, { url: v4.url });
    await api("/v4/profanity-word/batch/add", { words: [{ word: "darn", replacement: "***" }] });
  });

  it("post online status as a JSON array, signed, with the older API's os names", async () => {
    const ann = await connectUser(server, app, "ann", { platform: "desktop" });
    ann.disconnect();
    await waitUntil(() => legacy.received.filter((request) => request.contentType === "application/json").length === 2, 10_000);

    const statuses = legacy.received.filter((request) => request.contentType === "application/json");
    expect(statuses.every((request) => request.signed)).toBe(true);
    expect(statuses.map((request) => JSON.parse(request.body))).toEqual([
      [{ userid: "ann", status: "0", os: "PC", time: expect.any(Number), clientIp: expect.stringContaining("127.0.0.1"), sessionId: expect.any(String) }],
      [{ userid: "ann", status: "1", os: "PC", time: expect.any(Number), clientIp: expect.stringContaining("127.0.0.1"), sessionId: expect.any(String) }],
    ]);
  });

  it("route every channel's messages as forms, and leave channel changes to v4 endpoints", async () => {
    for (const userId of ["cy", "di"]) await issueToken(server, app, userId);
    const bo = await connectUser(server, app, "bo", { platform: "web" });
    clients.push(bo);
    await api("/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "bo", userIds: ["cy", "di"] });
    await api("/v4/open-channel/create", { channelId: "hall" });
    await api("/v4/community-channel/create", { userId: "bo", channelId: "town", name: "Town" });
    await api("/v4/community-channel/subchannel/create", { channelId: "town", subchannelId: "news" });

    const direct = await bo.sendDirectMessage({ to: "cy", text: "darn it" });
    await bo.sendGroupMessage({ groupId: "crew", text: "psst", toUserIds: ["di"] });
    await bo.joinOpenChannel({ channelId: "hall" });
    await bo.sendOpenChannelMessage({ channelId: "hall", text: "hi hall" });
    await bo.sendCommunityMessage({ communityId: "town", subchannelId: "news", text: "extra" });

    await waitUntil(() => forms(legacy.received).length === 4, 10_000);
    expect(legacy.received.every((request) => request.signed)).toBe(true);
    const common = { fromUserId: "bo", objectName: "RC:TxtMsg", source: "Websocket", msgTimestamp: expect.stringMatching(/^\d+$/), msgUID: expect.any(String) };
    // Each channel's in order; different channels' as they come.
    expect(forms(legacy.received)).toHaveLength(4);
    expect(forms(legacy.received)).toEqual(expect.arrayContaining([
      { ...common, toUserId: "cy", channelType: "PERSON", content: '{"content":"*** it"}', msgUID: direct.messageId, sensitiveType: "2", groupUserIds: "", busChannel: "" },
      { ...common, toUserId: "crew", channelType: "GROUP", content: '{"content":"psst"}', sensitiveType: "0", groupUserIds: "di", busChannel: "" },
      { ...common, toUserId: "hall", channelType: "TEMPGROUP", content: '{"content":"hi hall"}', sensitiveType: "0", groupUserIds: "", busChannel: "" },
      { ...common, toUserId: "town", channelType: "ULTRAGROUP", content: '{"content":"extra"}', sensitiveType: "0", groupUserIds: "", busChannel: "news" },
    ]));

    // The v4 endpoint gets the same messages, with the sender's platform, and the channel changes.
    const v4Events = () => v4.received.map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown>[] });
    await waitUntil(() => v4Events().filter((event) => event.type === "message:send").length === 4, 10_000);
    const directEvent = v4Events().find((event) => event.type === "message:send" && event.data[0]!.messageId === direct.messageId);
    expect(directEvent!.data[0]).toMatchObject({ os: "web", source: "client" });
    expect(v4Events().some((event) => event.type === "group_channel:changed" || event.type === "open_channel:changed")).toBe(true);
    expect(legacy.received.filter((request) => request.body.includes("_channel:changed"))).toEqual([]);
  });
});

describe("the older-style message callback (pre-delivery hook)", () => {
  it("blocks with the hook's extra, and replaces the content and the push text", async () => {
    const app = await createTestApp(server, "Legacy hook");
    const fcm = await startFcmStandIn();
    const hook = await startReceiver(app, (body) => {
      const message = JSON.parse(body) as { content: string };
      if (message.content.includes("spam")) return { pass: 0, extra: "No spam here" };
      if (message.content.includes("rude")) return { pass: 1, replaceContent: JSON.stringify({ content: "(kind words)" }), replacePushContent: "A moderated message" };
      return { pass: 1 };
    });
    await setAppSettings(server, app, { preMessagingHookUrl: hook.url, preMessagingHookStyle: "legacy", pushFcmServiceAccount: fcm.serviceAccount, pushFcmEndpoint: fcm.origin });
    const eve = await connectUser(server, app, "eve");
    await eve.registerPushDevice({ provider: "fcm", token: "eve-phone" });
    eve.disconnect();
    await waitForConnectionStatus(server, app, "eve", "0");
    const fay = await connectUser(server, app, "fay", { platform: "mobile" });
    clients.push(fay);
    try {
      const refused = await fay.sendDirectMessage({ to: "eve", text: "buy spam" }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ChatCallError);
      expect(refused).toMatchObject({ code: 1026, message: "No spam here" });

      const sent = await fay.sendDirectMessage({ to: "eve", text: "rude words" });
      expect(sent.content).toEqual({ content: "(kind words)" });
      expect(JSON.parse(hook.received.at(-1)!.body)).toEqual({
        fromUserId: "fay",
        targetId: "eve",
        toUserIds: [],
        msgType: "RC:TxtMsg",
        content: '{"content":"rude words"}',
        pushContent: "",
        disablePush: false,
        pushExt: "",
        channelType: "PERSON",
        msgTimeStamp: expect.any(Number),
        messageId: expect.any(String),
        os: "Mobile",
        busChannel: "",
      });
      expect(hook.received.every((request) => request.signed)).toBe(true);
      await waitUntil(() => fcm.messages.length === 1, 10_000);
      expect(fcm.messages[0]!.notification).toEqual({ title: "fay", body: "A moderated message" });
    } finally {
      await fcm.close();
    }
  });
});
