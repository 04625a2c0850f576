import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileUploadView, MessageView } from "../../lib/contract";
import type { SwitchboardClient } from "@switchboard/sdk";
import { waitUntil } from "../support/chat-clients";
import { s3FileStore, type TestFileStore } from "../support/file-stores";
import { connectUser, createTestApp, issueToken, type TestApp } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// Two nodes share PostgreSQL, Redis and one S3-compatible bucket (s3rver): a file uploaded to
// one is downloaded from the other, with URLs either node signed.
let store: TestFileStore;
let nodeA: TestServer;
let nodeB: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  store = await s3FileStore();
  nodeA = await startTestServer({ env: store.env });
  nodeB = await startTestServer({ env: { ...store.env, DATABASE_URL: nodeA.database.url } });
  app = await createTestApp(nodeA, "Files on two nodes");
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await nodeB?.close();
  await nodeA?.close();
  await store?.close();
});

async function upload(node: TestServer, token: string, text: string): Promise<{ status: number; body: { code: number; result?: FileUploadView } }> {
  const response = await fetch(`${node.url}/files?name=note.txt`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" }, body: text });
  return { status: response.status, body: (await response.json()) as { code: number; result?: FileUploadView } };
}

describe("files on two nodes", () => {
  it("are uploaded to one node and downloaded from the other, and reach a reader on the other node signed there", async () => {
    const amyToken = await issueToken(nodeA, app, "amy");
    const uploaded = (await upload(nodeA, amyToken, "shared through the bucket")).body.result!;
    const fromB = await fetch(nodeB.url + uploaded.url);
    expect(fromB.status).toBe(200);
    expect(await fromB.text()).toBe("shared through the bucket");

    const amy = await connectUser(nodeA, app, "amy");
    const bob = await connectUser(nodeB, app, "bob");
    clients.push(amy, bob);
    const received: MessageView[] = [];
    bob.onMessage((message) => received.push(message));
    await amy.sendDirectMessage({ to: "bob", messageType: "RC:FileMsg", content: { fileId: uploaded.fileId, name: "note.txt" } });
    const live = (await waitUntil(() => received[0]))!;
    expect(live.content).toMatchObject({ fileId: uploaded.fileId, url: expect.stringMatching(new RegExp(`^/files/${uploaded.fileId}\\?`)) });
    expect(await (await fetch(nodeA.url + (live.content.url as string))).text()).toBe("shared through the bucket");
    expect(await store.keys()).toEqual([expect.stringMatching(new RegExp(`/${uploaded.fileId}$`))]);
  });

  it("count a user's uploads on both nodes against one rate", async () => {
    const token = await issueToken(nodeA, app, "cal");
    const statuses: number[] = [];
    // 30 a minute by default: alternating nodes, the 31st is refused wherever it lands.
    for (let i = 0; i < 31; i++) statuses.push((await upload(i % 2 === 0 ? nodeA : nodeB, token, `upload ${i}`)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
