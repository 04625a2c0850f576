import { Centrifuge } from "centrifuge";
import fc from "fast-check";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rpcMethods } from "../lib/gateway/rpc-methods";
import { jsonText, NestedJson } from "./support/nested-json";
import { createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// Property-based: random data to every gateway RPC method through the real `centrifuge`
// client, and random frames straight over a WebSocket. Answers are results or documented
// errors, never an internal error, and the server keeps serving.
const inputsPerMethod = Number(process.env.SWITCHBOARD_FUZZ_INPUTS ?? 8);
const internalErrorCode = 100;
const serverErrorCloseCode = 3004;

let server: TestServer;
let app: TestApp;
const tried = { calls: 0, frames: 0, internalErrors: 0 };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server, "Fuzzed gateway", "production");
  // One user logs in for every method and joins, leaves, subscribes and creates many times a minute.
  await setAppSettings(server, app, { clientMembershipOperationsPerMinute: 10_000, clientHistoryQueriesPerMinute: 10_000 });
});
afterAll(async () => {
  await server?.close();
  console.log(`Gateway fuzzing: ${tried.calls} RPC calls to ${Object.keys(rpcMethods).length + 1} methods, ${tried.frames} raw frames, ${tried.internalErrors} internal errors`);
});

async function connect(userId: string) {
  const client = new Centrifuge(server.wsUrl, { token: await issueToken(server, app, userId), websocket: WebSocket, minReconnectDelay: 60_000 });
  client.connect();
  await client.ready(5000);
  return client;
}

/** The fields the chat methods take, with values of the right and of wrong types; or any JSON. */
const fieldNames = ["channelType", "channelId", "subchannelId", "messageType", "content", "messageId", "clientMessageId", "seq", "beforeSeq", "limit", "position", "userIds", "toUserIds", "groupId", "communityId", "level", "metadata", "key", "value", "provider", "token"];
const fieldValue = fc.oneof(
  fc.constantFrom(1, 3, 4, 6, 10, 0, -1, 2 ** 53, "u2", "g1", "", "nobody", "u\u0000", { content: "hi\u0000" }, []),
  fc.array(fc.constantFrom("u1", "u2", "nobody"), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
  // Any code point: NUL, which PostgreSQL text refuses, lone surrogates, emoji.
  fc.string({ unit: "binary", maxLength: 20 }),
);
const rpcData = fc.oneof(
  { weight: 4, arbitrary: fc.record(Object.fromEntries(fieldNames.map((name) => [name, fieldValue])), { requiredKeys: [] }) as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

describe("gateway RPC methods, given random data", () => {
  // The session's own logout is fuzzed too: it ends the session by design, and the next input gets a new one.
  it.each([...Object.keys(rpcMethods), "session.logout"])("%s answers a result or a documented error, never an internal one", async (method) => {
    let client = await connect("u1");
    await fc.assert(
      fc.asyncProperty(rpcData, async (data) => {
        tried.calls++;
        const outcome = await client.rpc(method, data).then(
          () => null,
          (error: { code: number; message: string }) => error,
        );
        if (outcome?.code === internalErrorCode) tried.internalErrors++;
        expect(outcome?.code, JSON.stringify({ method, data, outcome })).not.toBe(internalErrorCode);
        if (client.state !== "connected") {
          client.disconnect();
          client = await connect("u1");
        }
      }),
      { numRuns: inputsPerMethod },
    );
    client.disconnect();
  });
});

/** Opens a socket, sends `frames`, and resolves with the close code (0: still open after a while). */
function closeCodeAfter(frames: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.wsUrl);
    const timer = setTimeout(() => (socket.terminate(), resolve(0)), 1000);
    socket.on("open", () => frames.forEach((frame) => socket.send(frame)));
    socket.on("close", (code) => (clearTimeout(timer), resolve(code)));
    socket.on("error", reject);
  });
}

describe("the gateway, given random frames", () => {
  it("closes the socket with a protocol code or answers, never with an internal error, and keeps serving", async () => {
    const frame = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc.record({ id: fc.oneof(fc.integer(), fc.string()), connect: fc.jsonValue({ maxDepth: 2 }) }).map((value) => JSON.stringify(value)),
      fc.record({ id: fc.integer({ min: 1 }), rpc: fc.record({ method: fc.string(), data: fc.jsonValue({ maxDepth: 2 }) }) }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 3 }), async (frames) => {
        tried.frames += frames.length;
        expect(await closeCodeAfter(frames), JSON.stringify(frames)).not.toBe(serverErrorCloseCode);
      }),
      { numRuns: inputsPerMethod * 5 },
    );
    const client = await connect("u3");
    expect(await client.rpc("conversation.list", {}).then(() => "answered")).toBe("answered");
    client.disconnect();
  });
});

describe("gateway RPC methods, given data nested deep", () => {
  it("answers a documented error, never an internal one, and keeps the connection", async () => {
    const socket = new WebSocket(server.wsUrl);
    const replies = new Map<number, { error?: { code: number } }>();
    socket.on("message", (data) => {
      for (const line of data.toString().split("\n")) {
        const frame = JSON.parse(line) as { id?: number; error?: { code: number } };
        if (frame.id) replies.set(frame.id, frame);
      }
    });
    await new Promise((resolve, reject) => socket.on("open", resolve).on("error", reject));
    let id = 0;
    const reply = async (command: Record<string, unknown>) => {
      const sent = ++id;
      socket.send(jsonText({ id: sent, ...command }));
      await expect.poll(() => replies.get(sent), { timeout: 10_000 }).toBeDefined();
      return replies.get(sent)!;
    };
    await reply({ connect: { token: await issueToken(server, app, "u4") } });
    // Up to 100,000 levels: 200 KB, under the largest frame the gateway takes.
    const nested = fc.integer({ min: 1, max: 100_000 }).map((depth) => new NestedJson(depth));
    const data = fc.oneof(nested, fc.constantFrom(...fieldNames).chain((name) => fc.record({ [name]: nested })), fc.record({ channelType: fc.constant(1), channelId: fc.constant("u2"), content: fc.record({ extra: nested }) }));
    // session.logout is left out: it ends the connection whatever the data.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(rpcMethods)), data, async (method, value) => {
        tried.calls++;
        const { error } = await reply({ rpc: { method, data: value } });
        if (error?.code === internalErrorCode) tried.internalErrors++;
        expect(error?.code, method).not.toBe(internalErrorCode);
        expect(socket.readyState).toBe(WebSocket.OPEN);
      }),
      { numRuns: inputsPerMethod * 5 },
    );
    socket.close();
  });
});
