import { rmSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getBus, topics } from "../bus";
import { createApp } from "../chat/base/apps/create-app";
import { expireAccessTokens, issueAccessToken } from "../chat/products/tokens";
import { banUsers, softDeleteUsers } from "../chat/products/users";
import { db } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { gatewayLimits } from "./client-session";
import { createNode, type GatewayNode } from "./node";
import { type CloseReason, closeCodes } from "./protocol";
import type { SessionTransport } from "./transport";

// The protocol's state machine over an in-memory transport; everything behind it is real:
// token verification, bans and settings on a fresh SQLite file, and the in-process bus.
const database = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-gateway-"));
  const previous = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
  process.env.DATABASE_URL = `file:${path.join(dir, "gateway.db")}`;
  delete process.env.REDIS_URL;
  return { dir, url: process.env.DATABASE_URL, previous };
});

let app: { id: string; key: string; tokenKey: string; environment: string };
const nodes: GatewayNode[] = [];

beforeAll(async () => {
  await applyMigrations(database.url);
  const { id } = await createApp({ name: "Gateway unit tests", environment: "production" });
  app = await db.app.findUniqueOrThrow({ where: { id }, select: { id: true, key: true, tokenKey: true, environment: true } });
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(nodes.splice(0).map((node) => node.close(0)));
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(database.dir, { recursive: true, force: true });
  // A worker may run other test files after this one.
  for (const [name, value] of Object.entries(database.previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** The client's end of a connection: records what the session sends and how it closes the connection. */
class FakeTransport implements SessionTransport {
  readonly messages: string[] = [];
  closedWith: CloseReason | null = null;
  bufferedBytes = 0;

  send(message: string) {
    this.messages.push(message);
  }

  close(reason: CloseReason) {
    this.closedWith = reason;
  }

  /** Every frame received, parsed: a message may hold several, one per line. */
  get frames(): Record<string, unknown>[] {
    return this.messages.flatMap((message) => message.split("\n")).map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

function startNode(): GatewayNode {
  const node = createNode();
  nodes.push(node);
  return node;
}

const tokenFor = async (userId: string) => (await issueAccessToken({ app, userId, name: userId })).accessToken;

/** A new connection to `node`, and the client's side of the protocol on it. */
function openConnection(node: GatewayNode) {
  const transport = new FakeTransport();
  const session = node.accept(transport, "203.0.113.7");
  const findReply = (id: number) => transport.frames.find((frame) => frame.id === id);
  return {
    session,
    transport,
    send: (command: unknown) => session.receive(JSON.stringify(command)),
    async reply(id: number) {
      await vi.waitFor(() => expect(findReply(id)).toBeDefined());
      return findReply(id);
    },
    async closeCode() {
      await vi.waitFor(() => expect(transport.closedWith).not.toBeNull());
      return transport.closedWith!.code;
    },
  };
}

type Connection = ReturnType<typeof openConnection>;

/** A connection that connected as `userId` (web unless `platform` says otherwise). */
async function connect(node: GatewayNode, userId: string, platform?: string): Promise<Connection> {
  const connection = openConnection(node);
  connection.send({ id: 1, connect: { token: await tokenFor(userId), data: platform ? { platform } : undefined } });
  expect(await connection.reply(1)).toHaveProperty("connect");
  return connection;
}

describe("connecting", () => {
  it("answers connect with the personal subscription, the ping interval and pong", async () => {
    const client = openConnection(startNode());
    client.send({ id: 1, connect: { token: await tokenFor("ann") } });
    expect(await client.reply(1)).toEqual({
      id: 1,
      connect: { client: client.session.id, version: expect.stringMatching(/^switchboard /), subs: { "personal:ann": {} }, ping: gatewayLimits.pingIntervalSeconds, pong: true },
    });
    expect(client.transport.closedWith).toBeNull();
  });

  it("closes with 3500 for a malformed token, a forged one, and one of a soft-deleted user", async () => {
    const node = startNode();
    const valid = await tokenFor("bob");
    const forged = `${valid.slice(0, valid.indexOf(".") + 1)}${"A".repeat(43)}`;
    await issueAccessToken({ app, userId: "gone", name: "gone" });
    const deletedUsersToken = await tokenFor("gone");
    await softDeleteUsers({ appId: app.id, userIds: ["gone"] });
    for (const token of ["not a token", forged, deletedUsersToken]) {
      const client = openConnection(node);
      client.send({ id: 1, connect: { token } });
      expect(await client.closeCode(), token).toBe(3500);
      expect(client.transport.frames).toEqual([]);
    }
  });

  it("closes with 3501 for an unknown platform, a command before connect, a binary message, a line that is no command, and a second connect", async () => {
    const node = startNode();
    const token = await tokenFor("cid");
    const badRequests: ((client: Connection) => void)[] = [
      (client) => client.send({ id: 1, connect: { token, data: { platform: "watch" } } }),
      (client) => client.send({ id: 1, rpc: { method: "conversation.list", data: {} } }),
      (client) => client.session.receive(null),
      (client) => client.session.receive("{not json"),
      (client) => client.send({ connect: { token } }),
    ];
    for (const badRequest of badRequests) {
      const client = openConnection(node);
      badRequest(client);
      expect(await client.closeCode(), badRequest.toString()).toBe(3501);
    }
    const twice = await connect(node, "cid");
    twice.send({ id: 2, connect: { token } });
    expect(await twice.closeCode()).toBe(3501);
  });

  it("closes a connection that sends no connect command within 10 s with 3502", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "Date"] });
    const client = openConnection(startNode());
    vi.advanceTimersByTime(gatewayLimits.connectTimeoutMs - 1);
    expect(client.transport.closedWith).toBeNull();
    vi.advanceTimersByTime(1);
    expect(client.transport.closedWith).toEqual({ code: 3502, reason: "stale" });
  });

  it("closes a banned user with 3503, at connect and the moment the ban is made", async () => {
    const node = startNode();
    const connected = await connect(node, "dan");
    await banUsers({ appId: app.id, userIds: ["dan"], durationMinutes: 5 });
    expect(await connected.closeCode()).toBe(3503);
    const client = openConnection(node);
    client.send({ id: 1, connect: { token: await tokenFor("dan") } });
    expect(await client.closeCode()).toBe(3503);
  });

  it("answers a token issued before the user's tokens were expired with error 109 and accepts a fresh token on the same connection", async () => {
    const node = startNode();
    const connected = await connect(node, "eve");
    const oldToken = await tokenFor("eve");
    await expireAccessTokens({ appId: app.id, userIds: ["eve"], expiresAt: Date.now() + 1 });
    // A session of an expired token is told to reconnect; its connect then gets 109.
    expect(await connected.closeCode()).toBe(3005);

    const client = openConnection(node);
    client.send({ id: 1, connect: { token: oldToken } });
    expect(await client.reply(1)).toEqual({ id: 1, error: { code: 109, message: "token expired" } });
    expect(client.transport.closedWith).toBeNull();
    client.send({ id: 2, connect: { token: await tokenFor("eve") } });
    expect(await client.reply(2)).toHaveProperty("connect.subs", { "personal:eve": {} });
  });
});

describe("a connected session", () => {
  it("is pinged every interval, kept while it answers, and closed with 3012 after two silent intervals", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "Date"] });
    const node = startNode();
    const answering = await connect(node, "fay");
    const silent = await connect(node, "gus");
    const interval = gatewayLimits.pingIntervalSeconds * 1000;
    for (let ping = 1; ping <= 3; ping++) {
      await vi.advanceTimersByTimeAsync(interval);
      answering.session.receive("{}");
    }
    expect(silent.transport.messages).toContain("{}");
    expect(await silent.closeCode()).toBe(3012);
    expect(answering.transport.closedWith).toBeNull();
    expect(answering.transport.messages.filter((message) => message === "{}")).toHaveLength(3);
  });

  it("gets the frames of one turn of the event loop as one message, as every other session does", async () => {
    const node = startNode();
    const [ivy, ira] = [await connect(node, "ivy"), await connect(node, "ira")];
    const before = [ivy.transport.messages.length, ira.transport.messages.length];
    for (const userId of ["ivy", "ira"]) {
      for (const text of ["one", "two"]) void getBus().publish(topics.user(app.id, userId), { type: "publication", data: JSON.stringify({ text }) });
    }
    await vi.waitFor(() => expect(ira.transport.messages).toHaveLength(before[1]! + 1));
    for (const [client, sent] of [[ivy, before[0]!], [ira, before[1]!]] as const) {
      expect(client.transport.messages.slice(sent)).toEqual([
        [{ text: "one" }, { text: "two" }].map((data) => JSON.stringify({ push: { channel: `personal:${client.session.user!.userId}`, pub: { data } } })).join("\n"),
      ]);
    }
  });

  it("is closed with 3008 when its connection holds more than the outbound budget unsent", async () => {
    const client = await connect(startNode(), "hal");
    const publish = () => getBus().publish(topics.user(app.id, "hal"), { type: "publication", data: '{"text":"hi"}' });
    await publish();
    await vi.waitFor(() => expect(client.transport.frames).toContainEqual({ push: { channel: "personal:hal", pub: { data: { text: "hi" } } } }));

    client.transport.bufferedBytes = gatewayLimits.maxBufferedBytes + 1;
    await publish();
    expect(await client.closeCode()).toBe(3008);
  });

  it("signs out with session.logout: the reply, then close 4502", async () => {
    const client = await connect(startNode(), "ida");
    client.send({ id: 2, rpc: { method: "session.logout", data: {} } });
    expect(await client.reply(2)).toEqual({ id: 2, rpc: { data: { ok: true } } });
    expect(await client.closeCode()).toBe(4502);
    expect(client.session.loggedOut).toBe(true);
  });

  it("answers an unknown method with 104 and a command Switchboard does not offer with 108, and stays open", async () => {
    const client = await connect(startNode(), "jon");
    client.send({ id: 2, rpc: { method: "no.such.method", data: {} } });
    client.send({ id: 3, subscribe: { channel: "news" } });
    expect(await client.reply(2)).toEqual({ id: 2, error: { code: 104, message: "method not found" } });
    expect(await client.reply(3)).toEqual({ id: 3, error: { code: 108, message: "not available" } });
    expect(client.transport.closedWith).toBeNull();
  });
});

describe("the node's clock (one for every session, no timer per connection)", () => {
  const stale = { code: 3502, reason: "stale" };

  it("closes each connection without a connect command at its own deadline, with one timer for all", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "Date"] });
    const node = startNode();
    const first = openConnection(node);
    const timers = vi.getTimerCount();
    vi.advanceTimersByTime(4000);
    const later = Array.from({ length: 100 }, () => openConnection(node));
    expect(vi.getTimerCount()).toBe(timers);

    vi.advanceTimersByTime(gatewayLimits.connectTimeoutMs - 4000);
    expect(first.transport.closedWith).toEqual(stale);
    expect(later.filter((client) => client.transport.closedWith !== null)).toEqual([]);
    vi.advanceTimersByTime(3999);
    expect(later.filter((client) => client.transport.closedWith !== null)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(later.map((client) => client.transport.closedWith)).toEqual(later.map(() => stale));
  });

  it("leaves open past the deadline a connection whose connect was answered, or refused for a token to renew", async () => {
    const node = startNode();
    const oldToken = await tokenFor("max");
    await expireAccessTokens({ appId: app.id, userIds: ["max"], expiresAt: Date.now() + 1 });
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    const connected = openConnection(node);
    connected.send({ id: 1, connect: { token: await tokenFor("ned") } });
    const renewing = openConnection(node);
    renewing.send({ id: 1, connect: { token: oldToken } });
    expect(await connected.reply(1)).toHaveProperty("connect");
    expect(await renewing.reply(1)).toEqual({ id: 1, error: { code: 109, message: "token expired" } });
    const silent = openConnection(node);
    vi.advanceTimersByTime(gatewayLimits.connectTimeoutMs);
    expect(silent.transport.closedWith).toEqual(stale);
    expect(connected.transport.closedWith).toBeNull();
    expect(renewing.transport.closedWith).toBeNull();
  });

  it("closes with 3012 a session that stopped answering pings, however long it answered before", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "Date"] });
    const node = startNode();
    const client = await connect(node, "oli");
    const interval = gatewayLimits.pingIntervalSeconds * 1000;
    for (let ping = 1; ping <= 5; ping++) {
      await vi.advanceTimersByTimeAsync(interval);
      client.session.receive("{}");
    }
    await vi.advanceTimersByTimeAsync(2 * interval);
    expect(client.transport.closedWith).toBeNull();
    await vi.advanceTimersByTimeAsync(interval);
    expect(await client.closeCode()).toBe(3012);
    expect(client.transport.messages.filter((message) => message === "{}")).toHaveLength(7);
  });
});

describe("concurrent logins", () => {
  it("closes the older session of a platform category with 4501 when a newer one connects, on any node", async () => {
    const [first, second] = [startNode(), startNode()];
    const older = await connect(first, "kim", "mobile");
    const desktop = await connect(first, "kim", "desktop");
    const newer = await connect(second, "kim", "mobile");
    expect(await older.closeCode()).toBe(4501);
    expect(newer.transport.closedWith).toBeNull();
    expect(desktop.transport.closedWith).toBeNull();
  });

  it("keeps ten web sessions with multi-device sync: an eleventh closes an older one with 4501", async () => {
    const node = startNode();
    const tabs: Connection[] = [];
    for (let tab = 0; tab < 11; tab++) tabs.push(await connect(node, "lea"));
    const mobile = await connect(node, "lea", "mobile");
    await vi.waitFor(() => expect(tabs.filter((tab) => tab.transport.closedWith !== null)).toHaveLength(1));
    expect(tabs.find((tab) => tab.transport.closedWith !== null)?.transport.closedWith?.code).toBe(4501);
    expect(tabs.at(-1)!.transport.closedWith).toBeNull();
    expect(mobile.transport.closedWith).toBeNull();
  });
});
