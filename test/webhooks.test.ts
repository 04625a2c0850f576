import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwitchboardClient } from "@switchboard/sdk";
import { ageRows, waitUntil } from "./support/chat-clients";
import { addWebhookEndpoint, callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

type Envelope = { type: string; id: string; time: number; data: Record<string, unknown>[] };

/** A local app server receiving webhooks: it checks each signature and answers `status` (503 while "down"). */
function startReceiver(app: () => TestApp) {
  const received: Envelope[] = [];
  const refused: string[] = [];
  let status = 200;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const query = new URL(request.url!, "http://receiver").searchParams;
      const expected = createHash("sha1").update(app().appSecret + query.get("nonce") + query.get("signTimestamp")).digest("hex");
      const signed = query.get("signature") === expected && query.get("appKey") === app().appKey && query.get("timestamp") === query.get("signTimestamp");
      if (!signed) refused.push(body);
      else if (status === 200) received.push(JSON.parse(body) as Envelope);
      response.writeHead(signed ? status : 401).end(status === 200 ? "ok" : "down");
    });
  });
  return {
    received,
    refused,
    setStatus: (next: number) => (status = next),
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    ofType: (type: string) => received.filter((envelope) => envelope.type === type).map((envelope) => envelope.data[0]!),
  };
}

let server: TestServer;
let app: TestApp;
const receiver = startReceiver(() => app);
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  // Sweeps (and prunes the outbox) every second.
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server);
  const url = await receiver.listen();
  expect(await addWebhookEndpoint(server, app, { url })).toEqual([{ url, events: [], style: "v4" }]);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  await receiver.close();
});

const sendDirect = (fromUserId: string, toUserId: string, text: string) =>
  callApi(server, app, "/v4/direct-channel/message/send", { fromUserId, toUserIds: [toUserId], messageType: "RC:TxtMsg", content: JSON.stringify({ content: text }) });

describe("webhooks", () => {
  it("report sessions connecting and disconnecting, and route client messages, signed", async () => {
    await issueToken(server, app, "bob");
    const ann = await connectUser(server, app, "ann", { platform: "mobile" });
    clients.push(ann);
    await ann.sendDirectMessage({ to: "bob", text: "hello" });
    ann.disconnect();

    await waitUntil(() => receiver.ofType("user:connection_status").length === 2 && receiver.ofType("message:send").length === 1, 10_000);
    expect(receiver.refused).toEqual([]);
    expect(receiver.ofType("user:connection_status")).toEqual([
      { userId: "ann", status: "0", os: "mobile", time: expect.any(Number), clientIp: expect.stringContaining("127.0.0.1"), sessionId: expect.any(String) },
      { userId: "ann", status: "1", os: "mobile", time: expect.any(Number), clientIp: expect.stringContaining("127.0.0.1"), sessionId: expect.any(String) },
    ]);
    expect(receiver.ofType("message:send")).toEqual([
      expect.objectContaining({ fromUserId: "ann", channelType: 1, channelId: "bob", messageType: "RC:TxtMsg", content: '{"content":"hello"}', seq: 1, source: "client", profanityReplaced: false }),
    ]);
    const envelope = receiver.received.find((entry) => entry.type === "message:send")!;
    expect(envelope).toMatchObject({ id: expect.any(String), time: expect.any(Number), data: [expect.any(Object)] });
  });

  it("report a sign-out as status 2, and the server ends that session for good", async () => {
    const gil = await connectUser(server, app, "gil", { platform: "desktop" });
    const closes: number[] = [];
    gil.on("disconnected", (event) => closes.push(event.code));
    await gil.logout();
    expect(closes).toEqual([4502]);

    const ofGil = () => receiver.ofType("user:connection_status").filter((event) => event.userId === "gil");
    await waitUntil(() => ofGil().length === 2, 10_000);
    expect(ofGil().map((event) => [event.status, event.os])).toEqual([
      ["0", "desktop"],
      ["2", "desktop"],
    ]);
  });

  it("lose nothing while the receiver is down, and deliver each channel's events in order once it is back", async () => {
    await setAppSettings(server, app, { webhookServerMessages: true });
    await issueToken(server, app, "cat");
    receiver.setStatus(503);
    for (const text of ["one", "two", "three"]) expect((await sendDirect("cat", "bob", text)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    receiver.setStatus(200);
    const texts = () => receiver.ofType("message:send").filter((data) => data.fromUserId === "cat").map((data) => JSON.parse(data.content as string).content);
    await waitUntil(() => texts().length === 3, 15_000);
    expect(texts()).toEqual(["one", "two", "three"]);
    const attempts = await server.database.query<{ statusCode: number | null }>(`SELECT "statusCode" FROM "WebhookAttempt" WHERE "statusCode" = 503`);
    expect(attempts.length).toBeGreaterThan(0);
  });

  it("report group and open-channel changes", async () => {
    await issueToken(server, app, "dan");
    await callApi(server, app, "/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "dan" });
    await callApi(server, app, "/v4/open-channel/create", { channelId: "hall" });
    await waitUntil(() => receiver.ofType("group_channel:changed").length > 0 && receiver.ofType("open_channel:changed").length > 0, 10_000);
    expect(receiver.ofType("group_channel:changed")[0]).toMatchObject({ channelId: "crew", operation: "Create", operatorUserId: "dan" });
    expect(receiver.ofType("open_channel:changed")[0]).toMatchObject({ channelId: "hall", operation: "created" });
  });

  it("report friendships added and removed", async () => {
    for (const userId of ["fay", "gus"]) await issueToken(server, app, userId);
    expect((await callApi(server, app, "/v4/friend/add", { userId: "fay", targetId: "gus" })).status).toBe(200);
    expect((await callApi(server, app, "/v4/friend/remove", { userId: "fay", targetIds: ["gus"] })).status).toBe(200);
    await waitUntil(() => receiver.ofType("friendship:changed").length === 2, 10_000);
    expect(receiver.ofType("friendship:changed")).toEqual([
      { userId: "fay", operation: "added", friendIds: ["gus"], time: expect.any(Number) },
      { userId: "fay", operation: "removed", friendIds: ["gus"], time: expect.any(Number) },
    ]);
  });

  it("log each delivery with its attempts, and deliver one again on request", async () => {
    await issueToken(server, app, "fay");
    await sendDirect("fay", "bob", "log me");
    await waitUntil(() => receiver.ofType("message:send").some((event) => event.fromUserId === "fay"), 10_000);
    const webhooks = (...args: string[]) => server.cli(["webhooks", ...args, "--app", app.appKey]);

    const log = JSON.parse((await webhooks("log", "--status", "delivered", "--limit", "100", "--json")).stdout) as { id: string; body: string; status: string }[];
    const entry = log.find((delivery) => (JSON.parse(delivery.body) as Envelope).data[0]!.fromUserId === "fay")!;
    expect(entry).toMatchObject({
      eventType: "message:send",
      status: "delivered",
      attemptLog: [{ statusCode: 200, latencyMs: expect.any(Number), error: null, responseExcerpt: "ok" }],
    });

    expect((await webhooks("redeliver", "--id", entry.id)).code).toBe(0);
    await waitUntil(() => receiver.received.filter((envelope) => envelope.id === entry.id).length === 2, 10_000);
    const unknown = await webhooks("redeliver", "--id", "no-such-delivery");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("no webhook delivery no-such-delivery");
  });

  it("keep delivered events a week for the delivery log, then drop them", async () => {
    const delivered = async () => Number((await server.database.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "WebhookDelivery" WHERE "status" = 'delivered'`))[0]!.count);
    expect(await delivered()).toBeGreaterThan(0);
    await ageRows(server.database, { table: "WebhookDelivery", where: { status: "delivered" }, columns: ["createdAt"], ms: 8 * 86_400_000 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await delivered()).toBe(0);
  });

  it("are delivered once when two nodes share the database", async () => {
    const second = await startTestServer({ env: { DATABASE_URL: server.database.url } });
    try {
      await issueToken(server, app, "eve");
      for (let i = 0; i < 20; i++) await sendDirect("eve", "bob", `n${i}`);
      const fromEve = () => receiver.received.filter((envelope) => envelope.type === "message:send" && envelope.data[0]!.fromUserId === "eve");
      await waitUntil(() => fromEve().length >= 20, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const ids = fromEve().map((envelope) => envelope.id);
      expect(new Set(ids).size).toBe(20);
      expect(ids).toHaveLength(20);
    } finally {
      await second.close();
    }
  });

  // Last: it kills the suite's server and finishes on a new one over the same database.
  it("survive a kill -9 of the server: what was waiting is delivered by the next start", async () => {
    await setAppSettings(server, app, { webhookServerMessages: true });
    await issueToken(server, app, "hal");
    receiver.setStatus(503);
    for (const text of ["before", "the", "crash"]) expect((await sendDirect("hal", "bob", text)).status).toBe(200);
    server.process.kill("SIGKILL");
    await server.stop();
    receiver.setStatus(200);
    const restarted = await startTestServer({ env: { DATABASE_URL: server.database.url } });
    try {
      const texts = () => receiver.ofType("message:send").filter((data) => data.fromUserId === "hal").map((data) => JSON.parse(data.content as string).content);
      // A delivery whose attempt the kill interrupted stays leased to the dead node for 30 s.
      await waitUntil(() => texts().length === 3, 45_000);
      expect(texts()).toEqual(["before", "the", "crash"]);
    } finally {
      await restarted.close();
    }
  });
});

describe("webhooks to a slow receiver", () => {
  // A server of its own: the tests above end theirs with kill -9.
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server?.close());

  it("go to several channels at once, each channel's in order", async () => {
    const slowApp = await createTestApp(server, "Slow receiver");
    const arrived: string[] = [];
    const slow = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => setTimeout(() => response.end("ok"), 500));
      request.on("end", () => {
        const envelope = JSON.parse(body) as Envelope;
        if (envelope.type === "message:send") arrived.push(String((JSON.parse(String(envelope.data[0]!.content)) as { content: string }).content));
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      await addWebhookEndpoint(server, slowApp, { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`, events: ["message:send"], style: "v4" });
      await setAppSettings(server, slowApp, { webhookServerMessages: true });
      const send = (to: string, text: string) =>
        callApi(server, slowApp, "/v4/direct-channel/message/send", { fromUserId: "sender", toUserIds: [to], messageType: "RC:TxtMsg", content: JSON.stringify({ content: text }) });
      await issueToken(server, slowApp, "sender");
      for (let index = 0; index < 30; index++) await issueToken(server, slowApp, `r${index}`);
      const started = Date.now();
      // 30 channels of one message, and one channel of five.
      for (let index = 0; index < 30; index++) await send(`r${index}`, `to r${index}`);
      for (let index = 0; index < 5; index++) await send("r0", `again ${index}`);
      expect(await waitUntil(() => arrived.length === 35, 20_000)).toBe(true);
      // One after the other, 35 deliveries of 500 ms would take 17.5 s.
      expect(Date.now() - started).toBeLessThan(8000);
      expect(arrived.filter((text) => text.startsWith("again"))).toEqual(["again 0", "again 1", "again 2", "again 3", "again 4"]);
    } finally {
      slow.close();
    }
  });
});
