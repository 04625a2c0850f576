import { request } from "node:http";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, SwitchboardClient } from "@switchboard/sdk";
import { waitUntil } from "../support/chat-clients";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy";
import { type LoadBalancer, startLoadBalancer } from "../support/nginx";
import { createTestApp, issueToken, setAppSettings, signatureHeaders, type TestApp } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// Two nodes behind nginx reach PostgreSQL through a TCP fault proxy, which cuts every
// connection and refuses new ones for 4 s while clients and an app server send.
const outageMs = 4000;
/** No call may take longer than this, outage or not. */
const boundMs = 10_000;
let database: TestDatabase;
let databaseProxy: FaultProxy;
let nodes: TestServer[];
let balancer: LoadBalancer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase("postgresql");
  const url = new URL(database.url);
  databaseProxy = await startFaultProxy(Number(url.port || 5432));
  url.host = `127.0.0.1:${databaseProxy.port}`;
  const env = { DATABASE_URL: url.toString() };
  nodes = [await startTestServer({ database, env }), await startTestServer({ database, env })];
  balancer = await startLoadBalancer(nodes.map((node) => node.url));
  app = await createTestApp(nodes[0]!, "Database outage", "production");
  await setAppSettings(nodes[0]!, app, { clientMessagesPerSecond: 1000, apiRateLimits: { "/v4/direct-channel/message/send": 10_000 } });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await balancer?.close();
  for (const node of nodes ?? []) await node.close();
  await databaseProxy?.close();
  await database?.drop();
});

/** A signed direct send through nginx: HTTP status and the contract's code (or the network error). */
function apiSend(from: string, to: string, clientMessageId: string): Promise<{ status: number | string; code?: number }> {
  const text = JSON.stringify({ fromUserId: from, toUserIds: [to], messageType: "RC:TxtMsg", content: JSON.stringify({ content: clientMessageId }) });
  return new Promise((resolve) => {
    const headers = { ...signatureHeaders(app), "content-type": "application/json", "content-length": Buffer.byteLength(text) };
    const call = request(`${balancer.url}/v4/direct-channel/message/send`, { method: "POST", agent: false, headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, code: (JSON.parse(body) as { code: number }).code }));
    });
    call.on("error", (error) => resolve({ status: error.message }));
    call.end(text);
  });
}

/** Tallies of one kind of send: acknowledged, failed by code, and the slowest answer. */
function tally() {
  return { tried: 0, acknowledged: 0, failed: new Map<string, number>(), slowestMs: 0 };
}
const count = (failed: Map<string, number>, key: string) => failed.set(key, (failed.get(key) ?? 0) + 1);

describe("a database outage under load, two nodes behind nginx", () => {
  it("fails sends with the retryable 1015 within a bound, loses nothing acknowledged, and recovers without a restart", async () => {
    const connect = async (userId: string) => {
      const client = new SwitchboardClient({ url: balancer.wsUrl, token: await issueToken(nodes[0]!, app, userId), websocket: WebSocket });
      clients.push(client);
      await client.connect();
      return client;
    };
    const pairs = await Promise.all([0, 1, 2, 3, 4, 5].map(async (index) => {
      const receiver = await connect(`receiver-${index}`);
      const messages: ChatMessage[] = [];
      receiver.onMessage((message) => messages.push(message));
      return { sender: await connect(`sender-${index}`), to: `receiver-${index}`, messages };
    }));
    const rpc = tally();
    const api = tally();
    const acknowledged = new Map<string, string>();
    let sending = true;
    const timed = async <T>(kind: ReturnType<typeof tally>, work: () => Promise<T>) => {
      const started = Date.now();
      kind.tried++;
      try {
        return await work();
      } finally {
        kind.slowestMs = Math.max(kind.slowestMs, Date.now() - started);
      }
    };
    const clientLoad = pairs.map(async ({ sender, to }, index) => {
      for (let next = 0; sending; next++) {
        await timed(rpc, () => sender.sendDirectMessage({ to, text: `c${index}-${next}`, clientMessageId: `c${index}-${next}` })).then(
          (message) => (rpc.acknowledged++, acknowledged.set(message.messageId, to)),
          async (error: { code?: number }) => (count(rpc.failed, String(error.code)), await new Promise((resolve) => setTimeout(resolve, 100))),
        );
      }
    });
    const apiLoad = [0, 1, 2].map(async (index) => {
      for (let next = 0; sending; next++) {
        const answer = await timed(api, () => apiSend(`sender-${index}`, `receiver-${index}`, `a${index}-${next}`));
        if (answer.status === 200) api.acknowledged++;
        else (count(api.failed, `${answer.status}/${answer.code}`), await new Promise((resolve) => setTimeout(resolve, 100)));
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    databaseProxy.outage(outageMs);
    const readiness = await Promise.all(nodes.map((node) => fetch(`${node.url}/readyz`).then((response) => response.status)));
    await new Promise((resolve) => setTimeout(resolve, outageMs + 4000));
    sending = false;
    await Promise.all([...clientLoad, ...apiLoad]);
    console.log(`database outage: client sends ${JSON.stringify({ ...rpc, failed: Object.fromEntries(rpc.failed) })}, API sends ${JSON.stringify({ ...api, failed: Object.fromEntries(api.failed) })}, readiness during ${readiness}`);

    expect(readiness).toEqual([503, 503]);
    for (const node of nodes) await expect.poll(async () => (await fetch(`${node.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
    // Failures were the retryable 1015 (or, for the API, its 503), each within the bound.
    expect([...rpc.failed.keys()].filter((code) => code !== "1015")).toEqual([]);
    expect([...api.failed.keys()].filter((key) => key !== "503/1015")).toEqual([]);
    expect(rpc.failed.get("1015")).toBeGreaterThan(0);
    expect(Math.max(rpc.slowestMs, api.slowestMs)).toBeLessThan(boundMs);
    // Recovered: sends after the outage were acknowledged, and every acknowledged one reached its recipient.
    expect(rpc.acknowledged).toBeGreaterThan(100);
    const missing = () => [...acknowledged].filter(([messageId, to]) => !pairs.find((pair) => pair.to === to)!.messages.some((message) => message.messageId === messageId));
    expect(await waitUntil(() => missing().length === 0, 30_000)).toBe(true);
    const stored = await database.query<{ id: string }>(`SELECT id FROM "Message" WHERE id = ANY($1)`, [[...acknowledged.keys()]]);
    expect(stored.length).toBe(acknowledged.size);
  });
});
