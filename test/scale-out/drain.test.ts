import { request } from "node:http";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, SwitchboardClient } from "@switchboard/sdk";
import { keepSendingDirectMessages, waitUntil } from "../support/chat-clients";
import { type LoadBalancer, startLoadBalancer } from "../support/nginx";
import { createTestApp, issueToken, setAppSettings, signatureHeaders, type TestApp } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// A planned stop (a deploy): node B gets SIGTERM under load, behind nginx with node A.
let nodeA: TestServer;
let nodeB: TestServer;
let balancer: LoadBalancer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  nodeA = await startTestServer();
  nodeB = await startTestServer({ env: { DATABASE_URL: nodeA.database.url, SWITCHBOARD_DRAIN_SECONDS: "2" } });
  balancer = await startLoadBalancer([nodeA.url, nodeB.url]);
  app = await createTestApp(nodeA, "Drain", "production");
  // The load is far above the default 100 calls a second per endpoint.
  await setAppSettings(nodeA, app, { clientMessagesPerSecond: 1000, apiRateLimits: { "/v4/user/get": 10_000, "/v4/direct-channel/message/send": 10_000 } });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await balancer?.close();
  await nodeB?.close();
  await nodeA?.close();
});

/**
 * A signed Platform API call through nginx: its HTTP status, or the network error. Each on a
 * connection of its own: the balancer's reload closes its idle kept-alive client connections,
 * a race between client and balancer that this test is not about.
 */
function callThroughBalancer(path: string, body: Record<string, unknown>): Promise<number | string> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const call = request(`${balancer.url}${path}`, { method: "POST", agent: false, headers: { ...signatureHeaders(app), "content-type": "application/json", "content-length": Buffer.byteLength(text) } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    call.on("error", (error) => resolve(error.message));
    call.end(text);
  });
}

/**
 * What an orchestrator does with readiness probes: every 100 ms it asks each node's /readyz and
 * balances over the ready ones only (nginx alone has no active health checks).
 */
function followReadiness(nodes: TestServer[]) {
  let ready = nodes.map((node) => node.url).join();
  let probing = false;
  const timer = setInterval(async () => {
    if (probing) return;
    probing = true;
    const answers = await Promise.all(nodes.map((node) => fetch(`${node.url}/readyz`).then((response) => response.ok, () => false)));
    const nowReady = nodes.filter((_, index) => answers[index]).map((node) => node.url);
    if (nowReady.length > 0 && nowReady.join() !== ready) {
      ready = nowReady.join();
      await balancer.setNodes(nowReady);
    }
    probing = false;
  }, 100);
  return { stop: async () => clearInterval(timer) };
}

async function connect(userId: string) {
  const client = new SwitchboardClient({ url: balancer.wsUrl, token: await issueToken(nodeA, app, userId), websocket: WebSocket });
  const messages: ChatMessage[] = [];
  client.onMessage((message) => messages.push(message));
  clients.push(client);
  await client.connect();
  return { client, messages };
}

describe("SIGTERM of one of two nodes under load", () => {
  it("fails no API call and delivers every acknowledged message once", async () => {
    const pairs = await Promise.all(Array.from({ length: 4 }, async (_, index) => ({ sender: await connect(`sender-${index}`), receiver: await connect(`receiver-${index}`), index })));
    let running = true;
    const answers = new Map<number | string, number>();
    const callers = Array.from({ length: 8 }, async (_, caller) => {
      for (let call = 0; running; call++) {
        const answer =
          call % 2 === 0
            ? await callThroughBalancer("/v4/user/get", { userId: `receiver-${caller % 4}` })
            : await callThroughBalancer("/v4/direct-channel/message/send", { fromUserId: `sender-${caller % 4}`, toUserIds: [`receiver-${caller % 4}`], messageType: "RC:TxtMsg", content: '{"content":"from the app server"}' });
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
      }
    });
    const load = keepSendingDirectMessages(pairs.map(({ sender, index }) => ({ client: sender.client, to: `receiver-${index}` })));
    const orchestrator = followReadiness([nodeA, nodeB]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await nodeB.stop()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    running = false;
    await Promise.all([...callers, load.stop(), orchestrator.stop()]);
    const { acknowledged } = load;

    // Every answer is a success: nothing failed with a 5xx or a cut connection.
    expect([...answers.keys()]).toEqual([200]);
    expect(answers.get(200)).toBeGreaterThan(100);
    const receivedBy = (userId: string) => pairs.find((pair) => `receiver-${pair.index}` === userId)!.receiver;
    const missing = () => [...acknowledged].filter(([messageId, userId]) => !receivedBy(userId).messages.some((message) => message.messageId === messageId));
    expect(await waitUntil(() => missing().length === 0, 30_000)).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(50);
    for (const { receiver } of pairs) {
      const ids = receiver.messages.map((message) => message.messageId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
