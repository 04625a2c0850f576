import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, SwitchboardClient } from "@switchboard/sdk";
import { waitUntil } from "./support/chat-clients";
import { callApi, createTestApp, createUserClient, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server, "Slow consumers", "production");
  await setAppSettings(server, app, { apiRateLimits: { "/v4/direct-channel/message/send": 10_000 } });
  for (const userId of ["fast", "slow"]) await issueToken(server, app, userId);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

/** A gateway client that connects, then stops reading: what the server sends piles up in its buffers. */
async function connectAndStopReading(userId: string) {
  const socket = new WebSocket(server.wsUrl, { perMessageDeflate: false });
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(String(data)));
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  await new Promise((resolve) => socket.once("open", resolve));
  socket.send(JSON.stringify({ id: 1, connect: { token: await issueToken(server, app, userId), data: { platform: "web" } } }));
  await waitUntil(() => frames.length > 0);
  socket.pause();
  return { socket, closed, publications: () => frames.join("\n").split("\n").filter((line) => line.startsWith('{"push"')).length };
}

describe("a client that stops reading", () => {
  it("is disconnected with a reconnect code once its queue is full, and recovers everything when it comes back", async () => {
    const slow = await connectAndStopReading("slow");
    // 200 messages of 100 KB: more than the kernel's socket buffers and the session's 4 MB budget.
    const content = JSON.stringify({ content: "x".repeat(100 * 1024) });
    const sent: string[] = [];
    for (let index = 0; index < 200; index++) {
      const { body } = await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "fast", toUserIds: ["slow"], messageType: "RC:TxtMsg", content });
      sent.push(...(body.result as { messageIds: { messageId: string }[] }).messageIds.map((entry) => entry.messageId));
    }
    expect(sent).toHaveLength(200);

    // Reading again, the client finds what was queued before the server gave up on it, then the close.
    slow.socket.resume();
    expect(await slow.closed).toBe(3008);
    expect(slow.publications()).toBeLessThan(200);

    // Coming back (as the SDK does after 3008), it catches up on everything.
    const back = await createUserClient(server, app, "slow");
    clients.push(back);
    const received: ChatMessage[] = [];
    back.onMessage((message) => received.push(message));
    await back.connect();
    expect(await waitUntil(() => received.length === 200, 15_000)).toBe(true);
    expect(new Set(received.map((message) => message.messageId))).toEqual(new Set(sent));
  });
});
