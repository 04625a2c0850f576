import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, SwitchboardClient } from "@switchboard/sdk";
import { keepSendingDirectMessages, waitUntil } from "../support/chat-clients";
import { type LoadBalancer, startLoadBalancer } from "../support/nginx";
import { callApi, createTestApp, issueToken, setAppSettings, type TestApp } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// Two Switchboard processes share one PostgreSQL database and Redis, behind nginx.
let nodeA: TestServer;
let nodeB: TestServer;
let balancer: LoadBalancer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  nodeA = await startTestServer();
  nodeB = await startTestServer({ env: { DATABASE_URL: nodeA.database.url } });
  balancer = await startLoadBalancer([nodeA.url, nodeB.url]);
  app = await createTestApp(nodeA, "Scale-out", "production");
  await setAppSettings(nodeA, app, { clientMessagesPerSecond: 1000 });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await balancer?.close();
  await nodeB?.close();
  await nodeA?.close();
});

/** A client connected through nginx; `node` is where nginx sent its latest connection. */
type RoutedClient = { client: SwitchboardClient; node: () => string; messages: ChatMessage[]; disconnects: number[] };

async function connectThroughBalancer(userId: string, platform: "web" | "desktop" | "mobile" = "web"): Promise<RoutedClient> {
  let node = "";
  // The WebSocket the SDK opens, noting nginx's X-Upstream answer to each upgrade.
  class RoutedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      // After a refused try the header lists every node tried; the last one answered.
      this.once("upgrade", (response) => (node = String(response.headers["x-upstream"]).split(", ").at(-1)!));
    }
  }
  const client = new SwitchboardClient({ url: balancer.wsUrl, token: await issueToken(nodeA, app, userId), websocket: RoutedWebSocket, platform });
  const routed: RoutedClient = { client, node: () => node, messages: [], disconnects: [] };
  client.onMessage((message) => routed.messages.push(message));
  client.on("disconnected", (event) => routed.disconnects.push(event.code));
  clients.push(client);
  await client.connect();
  return routed;
}

const hostOf = (server: TestServer) => new URL(server.url).host;
const texts = (routed: RoutedClient) => routed.messages.map((message) => message.content.content);

describe("two nodes behind nginx", () => {
  it("let clients on different nodes chat directly, in a group and in an open channel", async () => {
    const users = await Promise.all(["amy", "bob", "cal", "dan"].map((userId) => connectThroughBalancer(userId)));
    const [amy, bob, cal, dan] = users as [RoutedClient, RoutedClient, RoutedClient, RoutedClient];
    expect(new Set(users.map((user) => user.node()))).toEqual(new Set([hostOf(nodeA), hostOf(nodeB)]));
    const elsewhere = users.filter((user) => user.node() !== amy.node());

    for (const other of elsewhere) await amy.client.sendDirectMessage({ to: ["amy", "bob", "cal", "dan"][users.indexOf(other)]!, text: "direct across nodes" });
    for (const other of elsewhere) expect(await waitUntil(() => texts(other).includes("direct across nodes"))).toBe(true);

    expect((await callApi(nodeB, app, "/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "amy", userIds: ["amy", "bob", "cal", "dan"] })).status).toBe(200);
    await bob.client.sendGroupMessage({ groupId: "crew", text: "group across nodes" });
    for (const user of [amy, cal, dan]) expect(await waitUntil(() => texts(user).includes("group across nodes"))).toBe(true);

    expect((await callApi(nodeA, app, "/v4/open-channel/create", { channelId: "lobby" })).status).toBe(200);
    for (const user of users) await user.client.joinOpenChannel({ channelId: "lobby" });
    await cal.client.sendOpenChannelMessage({ channelId: "lobby", text: "open across nodes" });
    for (const user of [amy, bob, dan]) expect(await waitUntil(() => texts(user).includes("open across nodes"))).toBe(true);
  });

  it("keep a category's sessions across nodes as the app allows: a third phone on one node closes the oldest on the other (4501)", async () => {
    const devices = await createTestApp(nodeA, "Devices across nodes", "production");
    await setAppSettings(nodeA, devices, { sessionsPerPlatform: { mobile: 2 } });
    // Straight to each node, so the sessions are where the test says.
    const connectTo = async (node: TestServer) => {
      const client = new SwitchboardClient({ url: node.wsUrl, token: await issueToken(nodeA, devices, "una"), websocket: WebSocket, platform: "mobile" });
      const closes: number[] = [];
      client.on("disconnected", (event) => closes.push(event.code));
      clients.push(client);
      await client.connect();
      return closes;
    };
    const phone = await connectTo(nodeA);
    const tablet = await connectTo(nodeB);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([phone, tablet]).toEqual([[], []]);
    const third = await connectTo(nodeB);
    expect(await waitUntil(() => phone.includes(4501))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([phone, tablet, third]).toEqual([[4501], [], []]);
  });

  it("close a banned user's sessions on every node at once", async () => {
    const devices = [await connectThroughBalancer("eve", "web"), await connectThroughBalancer("eve", "desktop")];
    expect(new Set(devices.map((device) => device.node())).size).toBe(2);
    expect((await callApi(nodeA, app, "/v4/user/ban", { userIds: ["eve"], durationMinutes: 60 })).status).toBe(200);
    for (const device of devices) expect(await waitUntil(() => device.disconnects.includes(3503))).toBe(true);
  });
});

describe("kill -9 of a node under load", () => {
  it("moves its clients to the survivor, which recovers every acknowledged message once, in order, without gaps", async () => {
    const pairs = await Promise.all(
      Array.from({ length: 6 }, async (_, index) => ({ sender: await connectThroughBalancer(`sender-${index}`), receiver: await connectThroughBalancer(`receiver-${index}`), index })),
    );
    const everyone = pairs.flatMap((pair) => [pair.sender, pair.receiver]);
    expect(everyone.filter((routed) => routed.node() === hostOf(nodeB)).length).toBeGreaterThan(0);

    const load = keepSendingDirectMessages(pairs.map(({ sender, index }) => ({ client: sender.client, to: `receiver-${index}` })));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    nodeB.process.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await load.stop();
    const { acknowledged } = load;

    const receivedBy = (userId: string) => pairs.find((pair) => `receiver-${pair.index}` === userId)!.receiver;
    const missing = () => [...acknowledged].filter(([messageId, userId]) => !receivedBy(userId).messages.some((message) => message.messageId === messageId));
    expect(await waitUntil(() => missing().length === 0, 30_000)).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(100);

    for (const { receiver, sender } of pairs) {
      const ids = receiver.messages.map((message) => message.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      // Every stored message of the channel, acknowledged or not, reached the receiver in sequence.
      const seqs = receiver.messages.map((message) => message.seq!).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, position) => position + 1));
      const clientIds = receiver.messages.map((message) => message.clientMessageId);
      expect(new Set(clientIds).size).toBe(clientIds.length);
      for (const routed of [sender, receiver]) expect(routed.node()).toBe(hostOf(nodeA));
    }
  });
});
