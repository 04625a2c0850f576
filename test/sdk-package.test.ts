import sharp from "sharp";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, type Conversation, fileMessage, MemoryChatStore, type OutboxEntry, SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "./support/chat-clients";
import { type FaultProxy, startFaultProxy } from "./support/fault-proxy";
import { callApi, connectUser, createTestApp, createUserClient, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The SDK package's own additions (outbox, conversation list, persistence hook, files) against the real server.
let server: TestServer;
let proxy: FaultProxy;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startFaultProxy(Number(new URL(server.url).port));
  app = await createTestApp(server, "SDK package");
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await proxy?.close();
  await server?.close();
});

async function connect(userId: string, options: Parameters<typeof connectUser>[3] = {}) {
  const client = await connectUser(server, app, userId, options);
  clients.push(client);
  return client;
}

/** A client of `userId` through the fault proxy, not yet connected. */
async function proxiedClient(userId: string, options: { store?: MemoryChatStore } = {}) {
  const client = new SwitchboardClient({ url: proxy.wsUrl, token: await issueToken(server, app, userId), websocket: WebSocket, ...options });
  clients.push(client);
  return client;
}

/** How many stored messages carry the client message id (the test's own ids, literal in the SQL: placeholders differ between the databases). */
const storedWith = async (clientMessageId: string) =>
  Number((await server.database.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "Message" WHERE "clientMessageId" = '${clientMessageId}'`))[0]!.count);

const text = (to: string, content: string) => ({ channelType: ChannelType.direct, channelId: to, content: { content } });

describe("the outbox", () => {
  it("keeps sends made before connecting and sends them in order once connected", async () => {
    const bob = recorder(await connect("ob-bob"));
    const amy = await createUserClient(server, app, "ob-amy");
    clients.push(amy);
    const changes: OutboxEntry[][] = [];
    amy.on("outboxChanged", (entries) => changes.push(entries));

    const sends = ["one", "two", "three"].map((content) => amy.sendMessage(text("ob-bob", content)));
    await waitUntil(() => amy.outbox.length === 3);
    expect(amy.outbox.map((entry) => entry.input.content.content)).toEqual(["one", "two", "three"]);
    expect(bob.messages).toEqual([]);

    await amy.connect();
    const sent = await Promise.all(sends);
    expect(sent.map((message) => message.content.content)).toEqual(["one", "two", "three"]);
    expect(sent.map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(sent.map((message) => message.clientMessageId)).toEqual(changes[2]!.map((entry) => entry.clientMessageId));
    expect(amy.outbox).toEqual([]);
    expect(changes.at(-1)).toEqual([]);
    await bob.waitForMessages(3);
    expect(bob.texts()).toEqual(["one", "two", "three"]);
  });

  it("keeps sends made while the connection is lost and sends each once after the reconnect", async () => {
    const bob = recorder(await connect("lost-bob"));
    const amy = await proxiedClient("lost-amy");
    await amy.connect();
    await amy.sendMessage(text("lost-bob", "before"));

    const reconnected = new Promise((resolve) => amy.centrifuge.once("connected", resolve));
    proxy.outage(1500);
    await waitUntil(() => amy.centrifuge.state !== "connected");
    const during = [amy.sendMessage({ ...text("lost-bob", "during 1"), clientMessageId: "lost-1" }), amy.sendMessage({ ...text("lost-bob", "during 2"), clientMessageId: "lost-2" })];
    expect(amy.outbox.map((entry) => entry.clientMessageId)).toEqual(["lost-1", "lost-2"]);
    await reconnected;
    const [first, second] = await Promise.all(during);
    expect(second!.seq).toBe(first!.seq! + 1);
    await bob.waitForMessages(3);
    expect(bob.texts()).toEqual(["before", "during 1", "during 2"]);
    expect([await storedWith("lost-1"), await storedWith("lost-2")]).toEqual([1, 1]);
  });

  it("sends what a previous run left in the store once: a send the server stored before the app died is not stored again", async () => {
    const bob = recorder(await connect("left-bob"));
    const first = await connect("left-amy");
    const stored = await first.sendMessage({ ...text("left-bob", "stored, never acknowledged"), clientMessageId: "left-1" });
    first.disconnect();

    const store = new MemoryChatStore();
    store.saveOutbox([
      { clientMessageId: "left-1", input: { ...text("left-bob", "stored, never acknowledged"), clientMessageId: "left-1" }, queuedAt: Date.now() },
      { clientMessageId: "left-2", input: { ...text("left-bob", "never sent"), clientMessageId: "left-2" }, queuedAt: Date.now() },
    ]);
    const restarted = await createUserClient(server, app, "left-amy", { store });
    clients.push(restarted);
    expect(restarted.outbox).toEqual([]);
    await restarted.connect();
    await waitUntil(() => store.loadOutbox().length === 0);
    expect(store.loadOutbox()).toEqual([]);
    expect([await storedWith("left-1"), await storedWith("left-2")]).toEqual([1, 1]);
    await waitUntil(() => bob.texts().includes("never sent"));
    expect(bob.messages.filter((message) => message.messageId === stored.messageId)).toHaveLength(1);
  });

  it("drops a send the server refuses, rejects it and says so, and goes on with the next", async () => {
    await connect("refusing-bob");
    expect((await callApi(server, app, "/v4/user/blocklist/add", { userId: "refusing-bob", targetUserIds: ["refused-amy"] })).body).toEqual({ code: 0 });
    const carl = recorder(await connect("refused-carl"));
    const amy = await createUserClient(server, app, "refused-amy");
    clients.push(amy);
    const failures: { clientMessageId: string; code: number }[] = [];
    amy.on("sendFailed", ({ entry, error }) => failures.push({ clientMessageId: entry.clientMessageId, code: error.code }));

    const refused = amy.sendMessage({ ...text("refusing-bob", "blocked"), clientMessageId: "refused-1" }).catch((error: unknown) => error);
    const accepted = amy.sendMessage(text("refused-carl", "after it"));
    await amy.connect();
    const error = await refused;
    expect(error).toBeInstanceOf(ChatCallError);
    expect((error as ChatCallError).code).toBe(1019);
    expect(failures).toEqual([{ clientMessageId: "refused-1", code: 1019 }]);
    expect((await accepted).content).toEqual({ content: "after it" });
    await carl.waitForMessages(1);
    expect(amy.outbox).toEqual([]);
    expect(await storedWith("refused-1")).toBe(0);
  });

  it("can be turned off: a send while not connected fails (the centrifuge client's timeout)", async () => {
    const amy = await createUserClient(server, app, "no-outbox-amy", { outbox: false });
    clients.push(amy);
    const error = await amy.sendMessage(text("nobody", "hi")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatCallError);
    expect((error as ChatCallError).code).toBeLessThan(100);
    expect(amy.outbox).toEqual([]);
  });
});

describe("the persistence hook", () => {
  it("keeps the sync position, so a restarted app catches up from where it ended", async () => {
    await issueToken(server, app, "restart-amy");
    const bob = await connect("restart-bob");
    await bob.sendMessage(text("restart-amy", "before the restart"));
    const store = new MemoryChatStore();
    const before = await createUserClient(server, app, "restart-amy", { store });
    clients.push(before);
    const beforeEvents = recorder(before);
    await before.connect();
    await before.sync();
    expect(beforeEvents.texts()).toEqual(["before the restart"]);
    expect(store.loadSyncPosition()).toBe(before.syncPosition);
    before.disconnect();

    await bob.sendMessage(text("restart-amy", "while away"));
    const after = await createUserClient(server, app, "restart-amy", { store });
    clients.push(after);
    const afterEvents = recorder(after);
    await after.connect();
    await after.sync();
    // Positions stay a few seconds behind the newest change, so the older message may come again; the new one must.
    expect(afterEvents.texts()).toContain("while away");
    expect(store.loadSyncPosition()).toBe(after.syncPosition);
  });
});

describe("the conversation list", () => {
  /** The fields the server and the SDK's list must agree on. */
  const shape = (conversations: Conversation[]) =>
    conversations.map(({ channelType, channelId, lastSeq, readSeq, unreadCount, mentioned, pinned, lastMessage }) => ({
      channelType,
      channelId,
      lastSeq,
      readSeq,
      unreadCount,
      mentioned,
      pinned,
      lastMessageId: lastMessage?.messageId,
      lastContent: lastMessage?.content,
    }));

  it("is kept current from events and matches the server's list after each step", async () => {
    for (const userId of ["cl-amy", "cl-bob", "cl-cat"]) await issueToken(server, app, userId);
    expect((await callApi(server, app, "/v4/group-channel/create", { channelId: "cl-team", name: "team", owner: "cl-bob", userIds: ["cl-amy", "cl-cat"] })).body).toEqual({ code: 0 });
    const amy = await connect("cl-amy");
    const amyPhone = await connect("cl-amy", { platform: "mobile" });
    const bob = await connect("cl-bob");
    const changes: Conversation[][] = [];
    amy.on("conversationsChanged", (conversations) => changes.push(conversations));
    await amy.loadConversations();
    const serverList = async () => (await amy.listConversations()).conversations;
    const agrees = async () => {
      const expected = shape(await serverList());
      await waitUntil(() => JSON.stringify(shape(amy.conversations)) === JSON.stringify(expected));
      expect(shape(amy.conversations)).toEqual(expected);
    };
    await agrees();

    // A direct message: a new conversation, one unread.
    const hello = await bob.sendDirectMessage({ to: "cl-amy", text: "hello" });
    await waitUntil(() => amy.conversations.some((conversation) => conversation.channelId === "cl-bob"));
    expect(amy.conversations[0]).toMatchObject({ channelType: 1, channelId: "cl-bob", unreadCount: 1, lastMessage: { messageId: hello.messageId } });
    expect(changes.at(-1)).toEqual(amy.conversations);
    await agrees();

    // A group message mentioning amy: unread and mentioned, first in the list.
    await bob.sendGroupMessage({ groupId: "cl-team", content: { content: "@amy look", mentionedInfo: { type: 2, userIdList: ["cl-amy"] } } });
    await waitUntil(() => amy.conversations[0]?.channelId === "cl-team" && amy.conversations[0].mentioned);
    expect(amy.conversations[0]).toMatchObject({ channelType: 3, channelId: "cl-team", mentioned: true });
    await agrees();

    // Read on the phone: the read publication clears it here.
    const team = amy.conversations[0]!;
    await amyPhone.markRead({ channelType: ChannelType.group, channelId: "cl-team", seq: team.lastSeq });
    await waitUntil(() => amy.conversations.find((conversation) => conversation.channelId === "cl-team")?.unreadCount === 0);
    expect(amy.conversations.find((conversation) => conversation.channelId === "cl-team")).toMatchObject({ unreadCount: 0, mentioned: false, readSeq: team.lastSeq });
    await agrees();

    // Her own answer moves her read position; an edit of it changes the last message.
    const answer = await amy.sendDirectMessage({ to: "cl-bob", text: "hi bob" });
    expect(amy.conversations[0]).toMatchObject({ channelId: "cl-bob", unreadCount: 0, readSeq: answer.seq, lastMessage: { messageId: answer.messageId } });
    await agrees();
    await amy.editMessage({ channelType: ChannelType.direct, channelId: "cl-bob", messageId: answer.messageId, content: { content: "hi bob!" } });
    await waitUntil(() => amy.conversations[0]?.lastMessage?.content.content === "hi bob!");
    await agrees();

    // Pinning puts the group first; deleting takes the direct conversation off.
    await amy.pinConversation({ channelType: ChannelType.group, channelId: "cl-team", pinned: true });
    expect(amy.conversations.map((conversation) => conversation.channelId)).toEqual(["cl-team", "cl-bob"]);
    await agrees();
    await amy.deleteConversation({ channelType: ChannelType.direct, channelId: "cl-bob" });
    expect(amy.conversations.map((conversation) => conversation.channelId)).toEqual(["cl-team"]);
    await agrees();
    await waitUntil(() => changes.at(-1)?.length === 1);
    expect(changes.at(-1)).toEqual(amy.conversations);
  });

  it("is loaded again after a reconnect, with what came meanwhile", async () => {
    const amy = await proxiedClient("re-amy");
    await amy.connect();
    await amy.loadConversations();
    const bob = await connect("re-bob");
    const reconnected = new Promise((resolve) => amy.centrifuge.once("connected", resolve));
    proxy.outage(1000);
    await waitUntil(() => amy.centrifuge.state !== "connected");
    await bob.sendDirectMessage({ to: "re-amy", text: "while you were out" });
    await reconnected;
    await waitUntil(() => amy.conversations.length === 1);
    expect(amy.conversations).toEqual([expect.objectContaining({ channelId: "re-bob", unreadCount: 1, lastMessage: expect.objectContaining({ content: { content: "while you were out" } }) })]);
  });
});

describe("files", () => {
  const fileCount = async () => Number((await server.database.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "File"`))[0]!.count);

  it("uploads with the client's token, and the other user receives the image message with URLs that work", async () => {
    const bobClient = await connect("file-bob");
    const bob = recorder(bobClient);
    let tokensFetched = 0;
    // A token function, as apps give one: asked once, for the upload, before any connect.
    const amy = new SwitchboardClient({
      url: server.wsUrl,
      websocket: WebSocket,
      token: async () => {
        tokensFetched++;
        return issueToken(server, app, "file-amy");
      },
    });
    clients.push(amy);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 160, b: 90 } } }).png().toBuffer();

    const upload = await amy.uploadFile(new Blob([new Uint8Array(png)], { type: "image/png" }), { name: "meadow.png" });
    expect(upload).toEqual({
      fileId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      name: "meadow.png",
      mimeType: "image/png",
      size: png.length,
      width: 64,
      height: 48,
      url: expect.stringMatching(new RegExp(`^/files/${upload.fileId}\\?expires=\\d+&signature=`)),
      thumbnailUrl: expect.stringMatching(new RegExp(`^/files/${upload.fileId}/thumbnail\\?expires=\\d+&signature=`)),
      expiresAt: expect.any(Number),
    });
    expect(tokensFetched).toBe(1);

    await amy.connect();
    expect(tokensFetched).toBe(1);
    const sent = await amy.sendDirectMessage({ to: "file-bob", ...fileMessage(upload) });
    expect(sent).toMatchObject({ messageType: "RC:ImgMsg", content: { fileId: upload.fileId, name: "meadow.png", size: png.length, width: 64, height: 48 } });

    await bob.waitForMessages(1);
    const received = bob.messages[0]!;
    expect(received).toMatchObject({ messageId: sent.messageId, messageType: "RC:ImgMsg", content: { fileId: upload.fileId, name: "meadow.png", url: expect.any(String), thumbnailUrl: expect.any(String) } });
    const { url, thumbnailUrl } = received.content as { url: string; thumbnailUrl: string };
    expect(bobClient.fileUrl(url)).toBe(`${server.url}${url}`);
    const image = await fetch(bobClient.fileUrl(url));
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    const thumbnail = await fetch(bobClient.fileUrl(thumbnailUrl));
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ width: 64, height: 48 });
  });

  it("sends other files as file messages, and fetches a fresh token when the server invalidated the one it has", async () => {
    const bob = recorder(await connect("file-cat"));
    let tokensFetched = 0;
    const amy = new SwitchboardClient({
      url: server.wsUrl,
      websocket: WebSocket,
      token: async () => {
        tokensFetched++;
        return issueToken(server, app, "file-dan");
      },
    });
    clients.push(amy);
    await amy.uploadFile(new TextEncoder().encode("draft"), { name: "draft.txt", type: "text/plain" });
    expect(tokensFetched).toBe(1);
    expect((await callApi(server, app, "/v4/auth/access-token/expire", { userIds: ["file-dan"], expiresAt: Date.now() })).body).toEqual({ code: 0 });

    const notes = new TextEncoder().encode("meeting notes");
    const upload = await amy.uploadFile(notes, { name: "Notes.TXT", type: "text/plain" });
    expect(upload).toMatchObject({ name: "Notes.TXT", mimeType: "text/plain", size: notes.length });
    expect(tokensFetched).toBe(2);
    await amy.connect();
    await amy.sendDirectMessage({ to: "file-cat", ...fileMessage(upload) });
    await bob.waitForMessages(1);
    expect(bob.messages[0]).toMatchObject({ messageType: "RC:FileMsg", content: { fileId: upload.fileId, name: "Notes.TXT", size: notes.length, type: "txt", url: expect.any(String) } });
    const download = await fetch(`${server.url}${String(bob.messages[0]!.content.url)}`);
    expect(await download.text()).toBe("meeting notes");
  });

  it("refuses an upload over the app's fileMaxBytes with the server's code and message, storing nothing", async () => {
    const small = await createTestApp(server, "SDK small files");
    await setAppSettings(server, small, { fileMaxBytes: 2048 });
    const eve = await createUserClient(server, small, "file-eve");
    clients.push(eve);
    const before = await fileCount();
    const error = await eve.uploadFile(new Uint8Array(4096).fill(1), { name: "big.bin", type: "application/zip" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatCallError);
    expect(error).toMatchObject({ code: 1005, message: "This app takes files of at most 2048 bytes", temporary: false });
    const wrongType = await eve.uploadFile(new Uint8Array(16), { name: "tool.exe", type: "application/x-msdownload" }).catch((caught: unknown) => caught);
    expect(wrongType).toMatchObject({ code: 1002, message: expect.stringMatching(/^Files of type application\/x-msdownload may not be uploaded in this app/) });
    expect(await fileCount()).toBe(before);
  });
});
