import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, StreamedMessage, SwitchboardClient } from "@switchboard/sdk";
import { callApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// Streamed messages (an AI model's answer arriving in chunks) from the app server, received by
// the SDK over the real centrifuge client: live chunks, one stored message, and the timeout.
let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const timeoutSeconds = 3;

beforeAll(async () => {
  server = await startTestServer({ env: { SWITCHBOARD_STREAM_TIMEOUT_SECONDS: String(timeoutSeconds) } });
  app = await createTestApp(server);
  for (const userId of ["assistant", "ann", "ben", "cat", "dan", "outsider"]) await issueToken(server, app, userId);
  await callApi(server, app, "/v4/group-channel/create", { channelId: "study", name: "Study", owner: "assistant", userIds: ["ann", "ben", "cat"] });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

type Chunk = { content: string; seq: number; complete: boolean; messageId?: string; type?: string; completeReason?: number };

const streamDirect = (toUserId: string, content: Chunk, fields: Record<string, unknown> = {}) =>
  callApi(server, app, "/v4/direct-channel/message/stream/send", { fromUserId: "assistant", toUserId, messageType: "RC:StreamMsg", content, ...fields });

/** Sends `parts` as one stream; answers its message id. */
async function stream(send: (chunk: Chunk) => ReturnType<typeof streamDirect>, parts: string[], first: Partial<Chunk> = {}) {
  const opened = await send({ content: parts[0]!, seq: 1, complete: parts.length === 1, ...first });
  expect(opened.status).toBe(200);
  const messageId = (opened.body.result as { messageId: string }).messageId;
  for (let index = 1; index < parts.length; index++) {
    expect(await send({ content: parts[index]!, seq: index + 1, complete: index === parts.length - 1, messageId })).toEqual({ status: 200, body: { code: 0, result: { messageId } } });
  }
  return messageId;
}

/** A connected SDK client and what it hears: each step of a stream, and whole streamed messages (not the group's notices). */
async function listen(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  const heard = { steps: [] as StreamedMessage[], messages: [] as ChatMessage[] };
  client.on("streamChunk", (step) => heard.steps.push(step));
  client.on("message", (message) => message.messageType === "RC:StreamMsg" && heard.messages.push(message));
  return { client, heard };
}

const directHistory = async (userId: string, channelId: string) => {
  const answer = await callApi(server, app, "/v4/direct-channel/history-message/list", { userId, channelId, startAt: Date.now() + 1000, endAt: Date.now() - 60_000, pageSize: 100, includeStart: true });
  return (answer.body.result as { messages: { messageId: string; messageType: string; content: string; aiGenerated?: boolean }[] }).messages;
};

describe("streamed direct messages", () => {
  it("reach an online recipient chunk by chunk, then once whole, and are stored once", async () => {
    const ann = await listen("ann");
    const messageId = await stream((chunk) => streamDirect("ann", chunk), ["Hel", "lo, w", "orld"], { type: "markdown" });

    await expect.poll(() => ann.heard.messages.map((message) => message.messageId)).toEqual([messageId]);
    expect(ann.heard.steps.map(({ seq, text, complete }) => ({ seq, text, complete }))).toEqual([
      { seq: 1, text: "Hel", complete: false },
      { seq: 2, text: "Hello, w", complete: false },
      { seq: 3, text: "Hello, world", complete: true },
    ]);
    expect(ann.heard.steps[0]).toMatchObject({ messageId, channelType: 1, channelId: "ann", senderId: "assistant", contentType: "markdown" });
    expect(ann.heard.messages[0]).toMatchObject({ messageId, senderId: "assistant", messageType: "RC:StreamMsg", content: { content: "Hello, world", type: "markdown" } });
    expect(ann.heard.messages[0]!.seq).toBeGreaterThan(0);

    const stored = (await directHistory("ann", "assistant")).filter((message) => message.messageId === messageId);
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.content)).toEqual({ content: "Hello, world", type: "markdown" });
    expect(stored[0]!.aiGenerated).toBe(true);
  });

  it("reach an offline recipient, at its next sync, only as the finished message", async () => {
    // The first chunk's metadata is stored with the finished message.
    const messageId = await stream((chunk) => streamDirect("ben", chunk, chunk.seq === 1 ? { metadata: { model: "m1" } } : {}), ["Good ", "morning"]);
    const ben = await listen("ben");
    await expect.poll(() => ben.heard.messages.map((message) => message.messageId)).toContain(messageId);
    const finished = ben.heard.messages.find((message) => message.messageId === messageId)!;
    expect(finished.content).toEqual({ content: "Good morning", type: "text" });
    expect(finished.metadata).toEqual({ model: { value: "m1", userId: "assistant", updatedAt: expect.any(Number) } });
    expect(ben.heard.steps).toEqual([]);
  });

  it("are stored as they stand when no chunk comes for the timeout; a chunk after that finds no stream", async () => {
    const cat = await listen("cat");
    const opened = await streamDirect("cat", { content: "Thinking", seq: 1, complete: false });
    const messageId = (opened.body.result as { messageId: string }).messageId;
    expect((await streamDirect("cat", { content: " about it", seq: 2, complete: false, messageId })).status).toBe(200);
    await expect.poll(() => cat.heard.steps.length).toBe(2);
    expect(cat.heard.messages).toEqual([]);

    await expect.poll(() => cat.heard.messages.map((message) => message.messageId), { timeout: (timeoutSeconds + 5) * 1000 }).toEqual([messageId]);
    expect(cat.heard.messages[0]!.content).toEqual({ content: "Thinking about it", type: "text" });
    expect((await directHistory("cat", "assistant")).map((message) => message.messageId)).toContain(messageId);
    expect(await streamDirect("cat", { content: "late", seq: 3, complete: true, messageId })).toEqual({
      status: 404,
      body: { code: 1010, errorMessage: `No stream of assistant is under way with messageId ${messageId}: it finished, timed out, or was never opened` },
    });
  });

  it("refuse chunks out of sequence, other message types and streams over 128 KB, keeping the stream as it was", async () => {
    expect(await streamDirect("dan", { content: "x", seq: 2, complete: false })).toEqual({
      status: 400,
      body: { code: 1002, errorMessage: "A stream starts with content.seq 1; later chunks name its content.messageId" },
    });
    expect((await streamDirect("dan", { content: "x", seq: 1, complete: true }, { messageType: "RC:TxtMsg" })).body).toEqual({ code: 1002, errorMessage: "messageType must be RC:StreamMsg for a streamed message" });
    const opened = await streamDirect("dan", { content: "a", seq: 1, complete: false });
    const messageId = (opened.body.result as { messageId: string }).messageId;
    expect((await streamDirect("dan", { content: "c", seq: 3, complete: false, messageId })).body).toEqual({ code: 1002, errorMessage: "content.seq must be 2, the next after the last chunk taken" });
    expect((await streamDirect("dan", { content: "x".repeat(128 * 1024), seq: 2, complete: false, messageId })).body).toEqual({
      code: 1005,
      errorMessage: "A streamed message holds at most 128 KB across its chunks",
    });
    expect((await streamDirect("dan", { content: "b", seq: 2, complete: true, messageId })).status).toBe(200);
    await expect.poll(async () => (await directHistory("dan", "assistant")).find((message) => message.messageId === messageId)?.content).toBe(JSON.stringify({ content: "ab", type: "text" }));
  });
});

describe("streamed group messages", () => {
  const streamGroup = (content: Chunk, fields: Record<string, unknown> = {}) =>
    callApi(server, app, "/v4/group-channel/message/stream/send", { fromUserId: "assistant", toChannelId: "study", messageType: "RC:StreamMsg", content, ...fields });

  it("reach the online members, or only those named in toUserIds", async () => {
    const [ann, ben] = [await listen("ann"), await listen("ben")];
    const everyone = await stream((chunk) => streamGroup(chunk), ["All ", "of you"]);
    await expect.poll(() => ben.heard.messages.map((message) => message.messageId)).toContain(everyone);
    expect(ben.heard.steps.filter((step) => step.messageId === everyone).map((step) => step.text)).toEqual(["All ", "All of you"]);

    const directed = await stream((chunk) => streamGroup(chunk, { toUserIds: ["ann"] }), ["Just ", "you"]);
    await expect.poll(() => ann.heard.messages.map((message) => message.messageId)).toContain(directed);
    expect(ann.heard.steps.filter((step) => step.messageId === directed).map((step) => step.text)).toEqual(["Just ", "Just you"]);
    expect(ben.heard.steps.map((step) => step.messageId)).not.toContain(directed);
  });

  it("come only from a member: an outsider opens no stream", async () => {
    expect((await streamGroup({ content: "hi", seq: 1, complete: true }, { fromUserId: "outsider" })).body).toEqual({ code: 1023, errorMessage: "outsider is not a member of group study" });
  });
});
