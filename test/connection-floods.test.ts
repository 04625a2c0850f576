import { readFileSync } from "node:fs";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "./support/chat-clients";
import { callApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// 5,000 WebSocket connections opened at once from one address (127.0.0.1), none of which
// authenticates: beyond the address's limits they are refused (HTTP 429 before the
// handshake), while clients from another address (127.0.0.2, also this machine) connect and
// chat and the Platform API answers; the server's memory stays bounded.
const maxPending = 50;
let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: { SWITCHBOARD_MAX_PENDING_CONNECTIONS_PER_ADDRESS: String(maxPending), SWITCHBOARD_MAX_CONNECTS_PER_SECOND_PER_ADDRESS: "500" },
  });
  app = await createTestApp(server);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, "utf8"))![1]) / 1024;

/** A WebSocket from 127.0.0.2, another address of this machine. */
class OtherAddressWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { localAddress: "127.0.0.2" });
  }
}

/** Opens a raw connection (never authenticating): "open", or the HTTP status that refused it. */
function openRaw(headers: Record<string, string> = {}): Promise<{ outcome: "open" | number; socket: WebSocket }> {
  const socket = new WebSocket(server.wsUrl, { headers });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ outcome: "open", socket }));
    socket.once("unexpected-response", (_, response) => (resolve({ outcome: response.statusCode!, socket }), response.resume()));
    socket.once("error", reject);
  });
}

describe("a connection flood from one address", () => {
  it("is refused beyond the address's limits while other addresses chat and the Platform API answers", async () => {
    const rssBefore = rssMiB();
    const connect = async (userId: string) => {
      const client = new SwitchboardClient({ url: server.wsUrl, token: await issueToken(server, app, userId), websocket: OtherAddressWebSocket });
      clients.push(client);
      await client.connect();
      return client;
    };
    const bob = await connect("bob");
    const bobEvents = recorder(bob);
    const ann = await connect("ann");

    const flood: Promise<{ outcome: "open" | number; socket: WebSocket }>[] = [];
    for (let index = 0; index < 5000; index++) flood.push(openRaw(index % 10 === 0 ? { "X-Forwarded-For": `10.0.${index % 250}.1` } : {}));
    // Meanwhile, from the other address:
    await ann.sendMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: "during the flood" } });
    expect((await callApi(server, app, "/v4/user/get", { userId: "bob" })).status).toBe(200);
    const results = await Promise.all(flood);

    const opened = results.filter((result) => result.outcome === "open").length;
    const refused = results.filter((result) => result.outcome === 429).length;
    console.log(`connection flood: ${opened} connections served, ${refused} refused with 429, RSS ${rssBefore.toFixed(0)} → ${rssMiB().toFixed(0)} MiB`);
    // A claimed X-Forwarded-For from a peer that is no trusted proxy changes nothing.
    expect(opened).toBeLessThanOrEqual(maxPending);
    expect(opened + refused).toBe(5000);
    expect(await waitUntil(() => bobEvents.texts().includes("during the flood"))).toBe(true);
    expect(rssMiB() - rssBefore).toBeLessThan(100);

    // The flood ends: its address connects and chats again.
    for (const { socket } of results) socket.terminate();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const cal = new SwitchboardClient({ url: server.wsUrl, token: await issueToken(server, app, "cal"), websocket: WebSocket });
    clients.push(cal);
    await cal.connect();
    await cal.sendMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: "after the flood" } });
    expect(await waitUntil(() => bobEvents.texts().includes("after the flood"))).toBe(true);
  });
});
