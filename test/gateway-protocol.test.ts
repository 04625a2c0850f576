import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;

beforeAll(async () => {
  server = await startTestServer({ env: { SWITCHBOARD_PING_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server);
});
afterAll(() => server?.close());

/** A bare WebSocket speaking the protocol by hand, recording every frame and the close code. */
async function rawClient() {
  const socket = new WebSocket(server.wsUrl);
  const frames: string[] = [];
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  // A frame may carry several replies and pushes, one per line (a ping can share a reply's frame): kept a line each.
  socket.on("message", (data) => frames.push(...data.toString().split("\n")));
  await new Promise((resolve, reject) => socket.on("open", resolve).on("error", reject));
  const findReply = (id: number) => frames.map((frame) => JSON.parse(frame) as { id?: number }).find((frame) => frame.id === id);
  /** The reply to the command with this id, once it arrived (pings may come in between). */
  const reply = async (id: number) => {
    await expect.poll(() => findReply(id)).toBeDefined();
    return findReply(id);
  };
  return { socket, frames, closed, reply };
}

async function connectRaw(userId: string) {
  const client = await rawClient();
  client.socket.send(JSON.stringify({ id: 1, connect: { token: await issueToken(server, app, userId) } }));
  await client.reply(1);
  return client;
}

describe("the gateway's protocol", () => {
  it("answers connect with the personal subscription and the ping interval", async () => {
    const client = await connectRaw("ann");
    expect(await client.reply(1)).toEqual({
      id: 1,
      connect: { client: expect.any(String), version: expect.stringMatching(/^switchboard /), subs: { "personal:ann": {} }, ping: 1, pong: true },
    });
    client.socket.close();
  });

  it("pings, keeps a client that answers, and closes one that does not (3012)", async () => {
    const answering = await connectRaw("bea");
    answering.socket.on("message", (data) => data.toString().split("\n").includes("{}") && answering.socket.send("{}"));
    const silent = await connectRaw("cid");
    await expect.poll(() => silent.frames.includes("{}"), { timeout: 2500 }).toBe(true);
    expect(await silent.closed).toBe(3012);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    answering.socket.close();
  });

  it("closes binary frames (3501) and frames over 256 KB (1009), and keeps serving others", async () => {
    const binary = await rawClient();
    binary.socket.send(Buffer.from([1, 2, 3]));
    expect(await binary.closed).toBe(3501);
    const huge = await rawClient();
    huge.socket.send("x".repeat(257 * 1024));
    expect(await huge.closed).toBe(1009);

    const alice = await connectUser(server, app, "dee");
    await connectUser(server, app, "eve");
    expect((await alice.sendDirectMessage({ to: "eve", text: "still here" })).seq).toBe(1);
    alice.disconnect();
  });

  it("answers commands it does not offer with 108 and keeps the connection", async () => {
    const client = await connectRaw("fay");
    client.socket.send(JSON.stringify({ id: 2, subscribe: { channel: "news" } }));
    expect(await client.reply(2)).toEqual({ id: 2, error: { code: 108, message: "not available" } });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });
});
