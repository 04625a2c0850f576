import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwitchboardClient } from "@switchboard/sdk";
import { waitUntil } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, connectUser, createTestApp, setAppSettings, type TestApp, waitForConnectionStatus } from "./support/platform-api";
import { startApnsStandIn, startFcmStandIn } from "./support/push-services";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
let fcm: Awaited<ReturnType<typeof startFcmStandIn>>;
let apns: Awaited<ReturnType<typeof startApnsStandIn>>;
const online: SwitchboardClient[] = [];
let alice: SwitchboardClient;

beforeAll(async () => {
  // Usage counts are saved every second.
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server);
  [fcm, apns] = await Promise.all([startFcmStandIn(), startApnsStandIn()]);
  await setAppSettings(server, app, { pushFcmServiceAccount: fcm.serviceAccount, pushFcmEndpoint: fcm.origin, ...apns.settings });
});
afterAll(async () => {
  for (const client of online) client.disconnect();
  await server?.close();
  await Promise.all([fcm?.close(), apns?.close()]);
});

const api = async (path: string, body: Record<string, unknown>) => {
  const { status, body: answer } = await callApi(server, app, path, body);
  expect({ path, status, code: answer.code }).toEqual({ path, status: 200, code: 0 });
  return answer;
};

/** Connects the user, registers these devices, and (unless `stayOnline`) signs off and waits until no node counts a session. */
async function registerDevices(userId: string, devices: { provider: "fcm" | "apns"; token: string; packageName?: string }[], stayOnline = false) {
  const client = await connectUser(server, app, userId);
  for (const device of devices) await client.registerPushDevice(device);
  if (stayOnline) return online.push(client);
  client.disconnect();
  await waitForConnectionStatus(server, app, userId, "0");
}

const fcmTo = (token: string) => fcm.messages.filter((message) => message.token === token);
const apnsTo = (token: string) => apns.requests.filter((request) => request.token === token);
const apnsToken = (seed: string) => createHash("sha256").update(seed).digest("hex");
/** Pushes are sent after the acknowledgement; this long after the last expected one, an unexpected one would have come. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

const text = (value: string) => JSON.stringify({ content: value });

describe("offline push", () => {
  it("reaches the FCM and APNs devices of an offline recipient, and no device of an online one", async () => {
    await registerDevices("bob", [
      { provider: "fcm", token: "bob-android" },
      { provider: "apns", token: apnsToken("bob-iphone") },
    ]);
    await registerDevices("carol", [{ provider: "fcm", token: "carol-android" }], true);
    alice = await connectUser(server, app, "alice");
    online.push(alice);

    await alice.sendDirectMessage({ to: "carol", text: "carol is here" });
    const sent = await alice.sendDirectMessage({ to: "bob", text: "hi bob" });

    await waitUntil(() => fcmTo("bob-android").length === 1 && apnsTo(apnsToken("bob-iphone")).length === 1, 10_000);
    expect(fcmTo("bob-android")[0]).toEqual({
      token: "bob-android",
      notification: { title: "alice", body: "hi bob" },
      data: { messageId: sent.messageId, channelType: "1", channelId: "alice", senderId: "alice" },
    });
    expect(apnsTo(apnsToken("bob-iphone"))[0]).toEqual({
      token: apnsToken("bob-iphone"),
      topic: "com.example.chat",
      pushType: "alert",
      payload: { aps: { alert: { title: "alice", body: "hi bob" }, sound: "default" }, messageId: sent.messageId, channelType: "1", channelId: "alice", senderId: "alice" },
    });
    await settle();
    expect(fcmTo("carol-android")).toEqual([]);
    // One OAuth exchange serves every send.
    expect(fcm.tokenGrants()).toBe(1);
  });

  it("uses the app server's push content and data, and sends nothing when push is disabled", async () => {
    await registerDevices("dora", [{ provider: "fcm", token: "dora-android" }]);
    const send = (fields: Record<string, unknown>) =>
      api("/v4/direct-channel/message/send", { fromUserId: "alice", toUserIds: ["dora"], messageType: "RC:TxtMsg", content: text("secret"), ...fields });

    await send({ pushContent: "You have a new message", pushData: '{"screen":"inbox"}' });
    await send({ disablePush: true });
    await send({ messageType: "RC:ImgMsg", content: JSON.stringify({ imageUri: "https://example.com/a.png" }) });

    await waitUntil(() => fcmTo("dora-android").length === 2, 10_000);
    await settle();
    expect(fcmTo("dora-android").map((message) => [message.notification.body, message.data.pushData])).toEqual(
      expect.arrayContaining([
        ["You have a new message", '{"screen":"inbox"}'],
        ["[Image]", undefined],
      ]),
    );
    expect(fcmTo("dora-android")).toHaveLength(2);
  });

  it("wakes an iOS app in the background when the app server asks (contentAvailable 1)", async () => {
    await registerDevices("ivy", [{ provider: "apns", token: apnsToken("ivy-iphone") }]);
    const send = (fields: Record<string, unknown>) =>
      api("/v4/direct-channel/message/send", { fromUserId: "alice", toUserIds: ["ivy"], messageType: "RC:TxtMsg", content: text("sync now"), ...fields });
    await send({ contentAvailable: 1 });
    await send({});
    await waitUntil(() => apnsTo(apnsToken("ivy-iphone")).length === 2, 10_000);
    // Pushes leave in no set order.
    const flags = apnsTo(apnsToken("ivy-iphone")).map((request) => (request.payload.aps as Record<string, unknown>)["content-available"]);
    expect(flags).toEqual(expect.arrayContaining([1, undefined]));
  });

  it("follows group members' notification levels and mentions", async () => {
    for (const userId of ["gus", "hal", "ivy"]) await registerDevices(userId, [{ provider: "fcm", token: `${userId}-android` }]);
    await registerDevices("jon", [{ provider: "fcm", token: "jon-android" }], true);
    await api("/v4/group-channel/create", { channelId: "team", name: "Team", owner: "alice", userIds: ["gus", "hal", "ivy", "jon"] });
    // hal hears nothing from the group, ivy only mentions of her.
    await api("/v4/channel/push/set", { channelType: "3", requestId: "hal", channelId: "team", noDisturbLevel: 5 });
    await api("/v4/channel/push/set", { channelType: "3", requestId: "ivy", channelId: "team", noDisturbLevel: 2 });

    await alice.sendGroupMessage({ groupId: "team", text: "standup" });
    await alice.sendMessage({ channelType: 3, channelId: "team", content: { content: "@ivy look", mentionedInfo: { type: 2, userIdList: ["ivy"] } } });

    await waitUntil(() => fcmTo("gus-android").length === 2 && fcmTo("ivy-android").length === 1, 10_000);
    await settle();
    expect(fcmTo("gus-android").map((message) => message.notification)).toEqual(
      expect.arrayContaining([
        { title: "Team", body: "alice: standup" },
        { title: "Team", body: "alice: @ivy look" },
      ]),
    );
    expect(fcmTo("ivy-android")[0]!.notification.body).toBe("alice: @ivy look");
    expect(fcmTo("hal-android")).toEqual([]);
    expect(fcmTo("jon-android")).toEqual([]);
  });

  it("forgets tokens the services call unregistered, and counts outcomes", async () => {
    fcm.goneTokens.add("old-android");
    apns.goneTokens.add(apnsToken("old-iphone"));
    await registerDevices("kim", [
      { provider: "fcm", token: "old-android" },
      { provider: "apns", token: apnsToken("old-iphone") },
    ]);
    await api("/v4/direct-channel/message/send", { fromUserId: "alice", toUserIds: ["kim"], messageType: "RC:TxtMsg", content: text("anyone?") });

    const devicesOf = (userId: string) => server.database.query(`SELECT "token" FROM "PushDevice" WHERE "userId" = $1`, [userId]);
    for (let tries = 0; tries < 100 && (await devicesOf("kim")).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await devicesOf("kim")).toEqual([]);

    const counts = async () =>
      Object.fromEntries(
        (await server.database.query<{ name: string; count: number }>(`SELECT "name", "count" FROM "UsageCount" WHERE "span" = 'day' AND "name" LIKE 'push.%'`)).map((row) => [row.name, Number(row.count)]),
      );
    for (let tries = 0; tries < 50 && (await counts())["push.apns.tokenGone"] === undefined; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await counts()).toMatchObject({ "push.fcm.tokenGone": 1, "push.apns.tokenGone": 1, "push.fcm.delivered": expect.any(Number), "push.apns.delivered": expect.any(Number) });

    // The console's Analytics shows them by provider over time.
    const console_ = await signInToConsole(server);
    const analytics = await console_.get<{ buckets: { pushes: Record<string, { delivered: number; failed: number; tokenGone: number }> }[] }>(`/api/console/apps/${app.appKey}/analytics?range=24h`);
    const summed = (provider: string, outcome: "delivered" | "tokenGone") => analytics.body.buckets.reduce((sum, bucket) => sum + bucket.pushes[provider]![outcome], 0);
    const saved = await counts();
    expect({ fcmGone: summed("fcm", "tokenGone"), apnsGone: summed("apns", "tokenGone"), apnsDelivered: summed("apns", "delivered") }).toEqual({ fcmGone: 1, apnsGone: 1, apnsDelivered: saved["push.apns.delivered"] });
  });

  it("refuses malformed device registrations", async () => {
    const client = await connectUser(server, app, "lea");
    online.push(client);
    await expect(client.registerPushDevice({ provider: "gcm" as "fcm", token: "x" })).rejects.toThrow(/provider must be one of fcm, apns/);
    await expect(client.registerPushDevice({ provider: "fcm", token: "" })).rejects.toThrow(/token must not be empty/);
    expect(await server.database.query(`SELECT "token" FROM "PushDevice" WHERE "userId" = 'lea'`)).toEqual([]);
  });

  it("posts to the app's push webhook, signed, for offline recipients", async () => {
    const received: { query: URLSearchParams; body: { type: string; data: Record<string, unknown>[] } }[] = [];
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({ query: new URL(request.url!, "http://receiver").searchParams, body: JSON.parse(body) });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/push`;
    await setAppSettings(server, app, { pushWebhookUrl: url });
    try {
      await registerDevices("max", []);
      await api("/v4/direct-channel/message/send", { fromUserId: "alice", toUserIds: ["max"], messageType: "RC:TxtMsg", content: text("ping") });
      await waitUntil(() => received.length > 0, 10_000);
      const [first] = received;
      expect(first!.body).toMatchObject({ type: "message:push", data: [{ toUserIds: ["max"], title: "alice", body: "ping", channelType: "1", channelId: "alice", senderId: "alice" }] });
      const expected = createHash("sha1").update(app.appSecret + first!.query.get("nonce") + first!.query.get("signTimestamp")).digest("hex");
      expect(first!.query.get("signature")).toBe(expected);
      expect(first!.query.get("appKey")).toBe(app.appKey);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe("pushes to an audience the app server chooses", () => {
  const audiencePaths = ["/v4/system-channel/tagged-users/send", "/v4/system-channel/app-package-users/send"];
  beforeAll(async () => {
    // The contract allows 2 such pushes (and broadcasts) an hour and 3 a day: this app takes them by the second.
    await setAppSettings(server, app, { apiRateLimits: Object.fromEntries([...audiencePaths, "/v4/system-channel/message/broadcast-all"].map((path) => [path, 100])) });
  });
  const push = async (path: string, fields: Record<string, unknown>) => {
    const body = { platform: ["android", "ios"], fromUserId: "ops", message: { messageType: "RC:TxtMsg", content: text("Sale today") }, notification: { title: "Shop", alert: "50% off" }, ...fields };
    return (await api(path, body)).result as { id: string; messageId: string };
  };
  const pushedTokens = (pushId: string) => [...fcm.messages.filter((message) => message.data.pushId === pushId).map((message) => message.token), ...apns.requests.filter((request) => request.payload.pushId === pushId).map((request) => request.token)].sort();

  it("reach the devices of the users carrying the tags, online or not, and the message reaches those online, live", async () => {
    await registerDevices("vip-1", [{ provider: "fcm", token: "vip-1-android" }, { provider: "apns", token: apnsToken("vip-1-iphone") }]);
    await registerDevices("vip-2", [{ provider: "fcm", token: "vip-2-android" }]);
    await registerDevices("vip-3", [{ provider: "fcm", token: "vip-3-android" }], true);
    await registerDevices("regular", [{ provider: "fcm", token: "regular-android" }]);
    await api("/v4/user/tag/batch/set", { userIds: ["vip-1", "vip-2", "vip-3"], tags: ["vip", "eu"] });
    await api("/v4/user/tag/batch/set", { userIds: ["regular"], tags: ["eu"] });
    const vip3 = online.at(-1)!;
    const live: { messageId: string; content: unknown }[] = [];
    vip3.onMessage((message) => live.push(message));

    const sent = await push("/v4/system-channel/tagged-users/send", { audience: { tag: ["vip"] } });
    expect(sent).toEqual({ id: expect.any(String), messageId: expect.stringMatching(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/) });
    await waitUntil(() => pushedTokens(sent.id).length >= 4, 10_000);
    await settle();
    expect(pushedTokens(sent.id)).toEqual([apnsToken("vip-1-iphone"), "vip-1-android", "vip-2-android", "vip-3-android"].sort());
    const notification = fcm.messages.find((message) => message.data.pushId === sent.id)!;
    expect(notification).toMatchObject({ notification: { title: "Shop", body: "50% off" }, data: { messageId: sent.messageId, senderId: "ops" } });
    await waitUntil(() => live.length > 0);
    expect(live).toEqual([expect.objectContaining({ messageId: sent.messageId, channelType: 6, senderId: "ops", content: { content: "Sale today" } })]);

    // Every tag of `tag` and one of `tagOr`, on one platform.
    const narrower = await push("/v4/system-channel/tagged-users/send", { platform: ["android"], audience: { tag: ["eu"], tagOr: ["vip", "gold"] } });
    await waitUntil(() => pushedTokens(narrower.id).length >= 3, 10_000);
    await settle();
    expect(pushedTokens(narrower.id)).toEqual(["vip-1-android", "vip-2-android", "vip-3-android"]);
  });

  it("reach only the devices registered from the app package named", async () => {
    await registerDevices("shopper", [
      { provider: "fcm", token: "shop-android", packageName: "com.example.shop" },
      { provider: "fcm", token: "chat-android", packageName: "com.example.chat" },
    ]);
    const sent = await push("/v4/system-channel/app-package-users/send", { audience: { packageName: "com.example.shop" } });
    await waitUntil(() => pushedTokens(sent.id).length >= 1, 10_000);
    await settle();
    expect(pushedTokens(sent.id)).toEqual(["shop-android"]);
  });

  it("a broadcast to every user notifies the devices of those offline, and of no one online", async () => {
    const answer = await api("/v4/system-channel/message/broadcast-all", { fromUserId: "ops", messageType: "RC:TxtMsg", content: text("Maintenance tonight") });
    const { messageId } = answer.result as { messageId: string };
    const notified = () => fcm.messages.filter((message) => message.data.messageId === messageId).map((message) => message.token);
    await waitUntil(() => ["vip-1-android", "regular-android", "shop-android"].every((token) => notified().includes(token)), 10_000);
    await settle();
    expect(notified()).not.toContain("vip-3-android");
    expect(notified()).not.toContain("carol-android");
    expect(fcm.messages.find((message) => message.token === "regular-android" && message.data.messageId === messageId)).toMatchObject({ notification: { body: "Maintenance tonight" } });
  });

  it.each([
    { path: audiencePaths[0]!, fields: { audience: {} }, errorMessage: "audience must name its users: isToAll, tag, tagOr, userId or packageName" },
    { path: audiencePaths[0]!, fields: { platform: ["windows"], audience: { isToAll: true } }, errorMessage: "platform lists one or more of ios, android, harmonyOS" },
    { path: audiencePaths[1]!, fields: { audience: { tag: ["vip"] } }, errorMessage: "audience.packageName names the app package whose devices get the push" },
  ])("refuse $errorMessage", async ({ path, fields, errorMessage }) => {
    const body = { platform: ["android"], fromUserId: "ops", message: { messageType: "RC:TxtMsg", content: text("x") }, notification: {}, ...fields };
    expect(await callApi(server, app, path, body)).toEqual({ status: 400, body: { code: 1002, errorMessage } });
  });
});
