import { createHmac } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileUploadView, MessageView, StoredMessagePage } from "../lib/contract";
import { ChannelType, ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { ageRows, waitUntil } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { diskFileStore, s3FileStore, type TestFileStore } from "./support/file-stores";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// Files on the embedded default's disk (SQLite), and in an S3-compatible bucket (s3rver) on PostgreSQL + Redis.
let store: TestFileStore;
let server: TestServer;
let app: TestApp;
let otherApp: TestApp;
const tokens: Record<string, string> = {};
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  store = process.env.SWITCHBOARD_TEST_DATABASE === "postgresql" ? await s3FileStore() : diskFileStore();
  server = await startTestServer({ env: { ...store.env, SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server, "Files");
  otherApp = await createTestApp(server, "Other files");
  await setAppSettings(server, app, { clientMessagesPerSecond: 100 });
  for (const userId of ["amy", "bob", "cal"]) tokens[userId] = await issueToken(server, app, userId);
  tokens.stranger = await issueToken(server, otherApp, "stranger");
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  await store?.close();
});

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();

/** POST /files with a raw body (`name` in the query) or, given `multipart`, as a form's "file" part. */
async function upload(input: { token?: string | null; bytes: Buffer; type: string; name: string; multipart?: boolean }) {
  const headers: Record<string, string> = input.token == null ? {} : { authorization: `Bearer ${input.token}` };
  let body: BodyInit;
  if (input.multipart) {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(input.bytes)], { type: input.type }), input.name);
    body = form;
  } else {
    headers["content-type"] = input.type;
    body = new Uint8Array(input.bytes);
  }
  const response = await fetch(`${server.url}/files?name=${encodeURIComponent(input.name)}`, { method: "POST", headers, body });
  return { status: response.status, body: (await response.json()) as { code: number; result?: FileUploadView; errorMessage?: string } };
}

async function uploadOrThrow(input: Parameters<typeof upload>[0]): Promise<FileUploadView> {
  const answer = await upload(input);
  if (answer.status !== 200) throw new Error(`upload failed: ${JSON.stringify(answer.body)}`);
  return answer.body.result!;
}

const download = (url: string) => fetch(server.url + url);
const fileRows = () => server.database.query<{ id: string; messageId: string | null }>(`SELECT "id", "messageId" FROM "File"`);

/** Everything stored now: the File rows and the storage's objects. */
const snapshot = async () => ({ rows: (await fileRows()).map((row) => row.id).sort(), objects: await store.keys() });

async function connect(userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  return client;
}

/** A URL for `path` signed with the installation's own key, read from the database (as a forger who had it would). */
async function signedWithInstallationKey(path: string, expires: number) {
  const [row] = await server.database.query<{ value: string }>(`SELECT "value" FROM "InstallationSetting" WHERE "key" = 'file-url-key'`);
  return `${path}?expires=${expires}&signature=${createHmac("sha256", row!.value).update(`${path}\n${expires}`).digest("base64url")}`;
}

describe(`files (${process.env.SWITCHBOARD_TEST_DATABASE === "postgresql" ? "S3-compatible bucket" : "local disk"})`, () => {
  it("take an image as a raw body, with its dimensions, a thumbnail and signed URLs that download it", async () => {
    const image = await png(640, 480);
    const uploaded = await uploadOrThrow({ token: tokens.amy, bytes: image, type: "image/png", name: "holiday.png" });
    expect(uploaded).toMatchObject({ name: "holiday.png", mimeType: "image/png", size: image.length, width: 640, height: 480 });
    expect(uploaded.url).toMatch(new RegExp(`^/files/${uploaded.fileId}\\?expires=\\d+&signature=[\\w-]+$`));
    expect(uploaded.expiresAt).toBeGreaterThan(Date.now() + 3500_000);

    const original = await download(uploaded.url);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(original.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''holiday.png");
    expect(original.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await original.arrayBuffer()).equals(image)).toBe(true);

    const thumbnail = await download(uploaded.thumbnailUrl!);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 320, height: 240 });
    expect(await store.keys()).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`/${uploaded.fileId}$`)), expect.stringMatching(new RegExp(`/${uploaded.fileId}\\.thumbnail$`))]));
  });

  it("take a file as a multipart form, downloaded as an attachment under its name", async () => {
    const pdf = Buffer.from("%PDF-1.4\n% a tiny report\n");
    const uploaded = await uploadOrThrow({ token: tokens.amy, bytes: pdf, type: "application/pdf", name: "Q3 report.pdf", multipart: true });
    expect(uploaded).toEqual({ fileId: uploaded.fileId, name: "Q3 report.pdf", mimeType: "application/pdf", size: pdf.length, url: uploaded.url, expiresAt: uploaded.expiresAt });
    const response = await download(uploaded.url);
    expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''Q3%20report.pdf");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);

    // Players ask for ranges.
    const part = await fetch(server.url + uploaded.url, { headers: { range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-3/${pdf.length}`);
    expect(await part.text()).toBe("%PDF");
    const tail = await fetch(server.url + uploaded.url, { headers: { range: "bytes=-5" } });
    expect(await tail.text()).toBe("port\n");
    const beyond = await fetch(server.url + uploaded.url, { headers: { range: "bytes=1000-" } });
    expect({ status: beyond.status, body: await beyond.json() }).toEqual({ status: 416, body: { code: 1002, errorMessage: `The file has ${pdf.length} bytes: bytes=1000- asks for none of them` } });
    expect(beyond.headers.get("content-range")).toBe(`bytes */${pdf.length}`);
  });

  it("reach readers of image, voice and file messages with URLs signed as they read: live, in history and in sync", async () => {
    const amy = await connect("amy");
    const bob = await connect("bob");
    const received: MessageView[] = [];
    bob.onMessage((message) => received.push(message));
    const image = await uploadOrThrow({ token: tokens.amy, bytes: await png(100, 50), type: "image/png", name: "dot.png" });
    const voice = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("OggS fake voice"), type: "audio/ogg", name: "note.ogg" });

    const sent = await amy.sendDirectMessage({ to: "bob", messageType: "RC:ImgMsg", content: { fileId: image.fileId, width: 100, height: 50 } });
    expect(sent.content).toMatchObject({ fileId: image.fileId, url: expect.stringMatching(/^\/files\//), thumbnailUrl: expect.stringMatching(/\/thumbnail\?/) });
    await amy.sendDirectMessage({ to: "bob", messageType: "RC:HQVCMsg", content: { fileId: voice.fileId, duration: 3 } });

    const live = (await waitUntil(() => (received.length >= 2 ? received : undefined)))!;
    expect(live.map((message) => message.messageType)).toEqual(["RC:ImgMsg", "RC:HQVCMsg"]);
    expect(live[1]!.content).toEqual({ fileId: voice.fileId, duration: 3, url: expect.stringMatching(new RegExp(`^/files/${voice.fileId}\\?`)) });
    expect((await download(live[0]!.content.thumbnailUrl as string)).status).toBe(200);
    expect(Buffer.from(await (await download(live[1]!.content.url as string)).arrayBuffer()).toString()).toBe("OggS fake voice");

    const history = await bob.history({ channelType: ChannelType.direct, channelId: "amy" });
    const fromHistory = history.messages.find((message) => message.messageId === sent.messageId)!;
    expect(fromHistory.content).toMatchObject({ fileId: image.fileId, url: expect.any(String), thumbnailUrl: expect.any(String) });
    expect((await download(fromHistory.content.url as string)).status).toBe(200);

    // The app server reads it in the Platform API's history, signed as well.
    const now = Date.now();
    const serverHistory = await callApi(server, app, "/v4/direct-channel/history-message/list", { userId: "bob", channelId: "amy", startAt: now + 1000, endAt: now - 60_000, pageSize: 10, includeStart: true });
    const { messages } = serverHistory.body.result as { messages: { messageUID?: string; messageId?: string; content: string; messageType: string }[] };
    const imageContent = JSON.parse(messages.find((message) => message.messageType === "RC:ImgMsg")!.content) as Record<string, string>;
    expect(imageContent).toMatchObject({ fileId: image.fileId, width: 100, height: 50, url: expect.stringMatching(/^\/files\//) });
    expect((await download(imageContent.url!)).status).toBe(200);

    // A device that comes back recovers the message by sync, the URL signed then.
    const later = await connect("bob");
    const synced: MessageView[] = [];
    later.onMessage((message) => synced.push(message));
    await later.sync();
    const recovered = (await waitUntil(() => synced.find((message) => message.messageId === sent.messageId)))!;
    expect((await download(recovered.content.url as string)).status).toBe(200);
    expect((await fileRows()).find((row) => row.id === image.fileId)?.messageId).toBe(sent.messageId);
  });

  it("show in the console's message search with URLs signed for the operator, the file's stored name and size", async () => {
    const amy = await connect("amy");
    const image = await uploadOrThrow({ token: tokens.amy, bytes: await png(64, 64), type: "image/png", name: "avatar.png" });
    const pdf = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("%PDF-1.4 minutes"), type: "application/pdf", name: "minutes.pdf" });
    const withImage = await amy.sendDirectMessage({ to: "cal", messageType: "RC:ImgMsg", content: { fileId: image.fileId } });
    const withPdf = await amy.sendDirectMessage({ to: "cal", messageType: "RC:FileMsg", content: { fileId: pdf.fileId } });
    const operator = await signInToConsole(server);
    const { status, body } = await operator.get<StoredMessagePage>(`/api/console/apps/${app.appKey}/messages?senderId=amy`);
    expect(status).toBe(200);
    const rowOf = (messageId: string) => body.messages.find((message) => message.messageId === messageId)!;
    expect(rowOf(withImage.messageId).file).toEqual({ fileId: image.fileId, name: "avatar.png", mimeType: "image/png", size: image.size, width: 64, height: 64, url: expect.stringMatching(/^\/files\//), thumbnailUrl: expect.stringMatching(/\/thumbnail\?/) });
    expect(rowOf(withPdf.messageId).file).toEqual({ fileId: pdf.fileId, name: "minutes.pdf", mimeType: "application/pdf", size: pdf.size, url: expect.any(String) });
    expect((await download(rowOf(withImage.messageId).file!.thumbnailUrl!)).status).toBe(200);
    expect(JSON.parse(rowOf(withPdf.messageId).content)).toEqual({ fileId: pdf.fileId });
  });

  it("belong to the first stored message that carries them, also when an earlier send of it failed to be stored", async () => {
    const amy = await connect("amy");
    const uploaded = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("forwarded"), type: "text/plain", name: "fwd.txt" });
    // As a send that took the file and then failed to be stored leaves it.
    await server.database.execute(`UPDATE "File" SET "messageId" = $1 WHERE "id" = $2`, ["NEVR-STOR-ED00-0000", uploaded.fileId]);
    const first = await amy.sendDirectMessage({ to: "bob", messageType: "RC:FileMsg", content: { fileId: uploaded.fileId } });
    const forwarded = await amy.sendDirectMessage({ to: "cal", messageType: "RC:FileMsg", content: { fileId: uploaded.fileId } });
    expect((await fileRows()).find((row) => row.id === uploaded.fileId)?.messageId).toBe(first.messageId);
    expect((await download(forwarded.content.url as string)).status).toBe(200);
  });

  it("let an image sharp cannot read stand in for its own thumbnail", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const uploaded = await uploadOrThrow({ token: tokens.amy, bytes: svg, type: "image/svg+xml", name: "icon.svg" });
    expect(uploaded.thumbnailUrl).toBeUndefined();
    const amy = await connect("amy");
    const sent = await amy.sendDirectMessage({ to: "bob", messageType: "RC:ImgMsg", content: { fileId: uploaded.fileId } });
    const thumbnail = await download(sent.content.thumbnailUrl as string);
    expect(thumbnail.headers.get("content-type")).toBe("image/svg+xml");
    // Never shown in place: an SVG may hold scripts.
    expect(thumbnail.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''icon.svg");
    expect(Buffer.from(await thumbnail.arrayBuffer()).equals(svg)).toBe(true);
  });

  it.each([
    { case: "no token", token: null, status: 401, code: 1014, errorMessage: "An upload needs the user's access token: Authorization: Bearer <token>" },
    { case: "a forged token", token: "not-a-token", status: 401, code: 1014, errorMessage: "The access token is malformed" },
    { case: "a disallowed type", type: "application/x-msdownload", status: 400, code: 1002, errorMessage: expect.stringMatching(/^Files of type application\/x-msdownload may not be uploaded in this app; allowed: image\/\*/) },
    { case: "an image that is not one", type: "image/png", status: 400, code: 1002, errorMessage: "The file is not a readable image/png image" },
    { case: "an empty file", bytes: Buffer.alloc(0), status: 400, code: 1002, errorMessage: "The file is empty" },
  ])("refuse an upload with $case, keeping nothing", async ({ token = tokens.cal, type = "text/plain", bytes = Buffer.from("some bytes"), status, code, errorMessage }) => {
    const before = await snapshot();
    expect(await upload({ token, bytes, type, name: "x" })).toEqual({ status, body: { code, errorMessage } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuse files over the app's size, raw or multipart, and uploads over the user's rate, keeping nothing", async () => {
    const limited = await createTestApp(server, "Limited files");
    await setAppSettings(server, limited, { fileMaxBytes: 2048, fileUploadsPerMinute: 3 });
    const token = await issueToken(server, limited, "dan");
    const before = await snapshot();
    const tooLarge = { status: 413, body: { code: 1005, errorMessage: "This app takes files of at most 2048 bytes" } };
    expect(await upload({ token, bytes: Buffer.alloc(4096, 1), type: "text/plain", name: "big.txt" })).toEqual(tooLarge);
    expect(await upload({ token, bytes: Buffer.alloc(100_000, 1), type: "text/plain", name: "big.txt", multipart: true })).toEqual(tooLarge);
    expect(await snapshot()).toEqual(before);
    expect((await upload({ token, bytes: Buffer.alloc(2048, 1), type: "text/plain", name: "fits.txt" })).status).toBe(200);
    const refused = await upload({ token, bytes: Buffer.from("one more"), type: "text/plain", name: "more.txt" });
    expect(refused).toEqual({ status: 429, body: { code: 1028, errorMessage: "A user may upload at most 3 files a minute" } });
    expect((await snapshot()).rows).toHaveLength(before.rows.length + 1);
  });

  it("refuse messages carrying an unknown file or another app's, and an image message carrying no image", async () => {
    const amy = await connect("amy");
    const theirs = await uploadOrThrow({ token: tokens.stranger, bytes: Buffer.from("their notes"), type: "text/plain", name: "theirs.txt" });
    const text = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("my notes"), type: "text/plain", name: "mine.txt" });
    const refusal = (fileId: string, messageType = "RC:FileMsg") => amy.sendDirectMessage({ to: "bob", messageType, content: { fileId, name: "x" } }).catch((error: unknown) => error);
    expect(await refusal("AAAAAAAAAAAAAAAAAAAAAA")).toMatchObject({ code: 1010, message: "No file AAAAAAAAAAAAAAAAAAAAAA in this app" });
    expect(await refusal(theirs.fileId)).toMatchObject({ code: 1010, message: `No file ${theirs.fileId} in this app` });
    expect(await refusal("../../etc/passwd")).toMatchObject({ code: 1002, message: "content.fileId must be the id an upload (POST /files) answered" });
    const notImage = await refusal(text.fileId, "RC:ImgMsg");
    expect(notImage).toBeInstanceOf(ChatCallError);
    expect(notImage).toMatchObject({ code: 1002, message: `RC:ImgMsg carries images; file ${text.fileId} is text/plain` });

    // An edit is held to the same.
    const sent = await amy.sendDirectMessage({ to: "bob", messageType: "RC:FileMsg", content: { fileId: text.fileId, name: "mine.txt" } });
    const edit = await amy.editMessage({ channelType: ChannelType.direct, channelId: "bob", messageId: sent.messageId, content: { fileId: theirs.fileId } }).catch((error: unknown) => error);
    expect(edit).toMatchObject({ code: 1010, message: `No file ${theirs.fileId} in this app` });
  });

  it("answer downloads with a wrong, expired or missing signature, and of unknown files, with the error shape", async () => {
    const uploaded = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("secret plans"), type: "text/plain", name: "plans.txt" });
    // Sweeps (each second here) leave an upload no message took yet.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await download(uploaded.url)).status).toBe(200);
    const path = `/files/${uploaded.fileId}`;
    const answers = async (url: string) => {
      const response = await download(url);
      return { status: response.status, body: await response.json() };
    };
    const forged = { status: 403, body: { code: 1009, errorMessage: "The download URL's signature is missing or wrong" } };
    expect(await answers(path)).toEqual(forged);
    expect(await answers(uploaded.url.replace(/signature=./, "signature=x"))).toEqual(forged);
    // A signature for the file does not open another one.
    const other = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("other"), type: "text/plain", name: "other.txt" });
    expect(await answers(uploaded.url.replace(uploaded.fileId, other.fileId))).toEqual(forged);
    const past = Math.floor(Date.now() / 1000) - 60;
    expect(await answers(await signedWithInstallationKey(path, past))).toEqual({ status: 403, body: { code: 1009, errorMessage: "The download URL has expired; read the message again for a fresh one" } });
    const unknown = "/files/BBBBBBBBBBBBBBBBBBBBBB";
    expect(await answers(await signedWithInstallationKey(unknown, past + 3600))).toEqual({ status: 404, body: { code: 1010, errorMessage: "No file BBBBBBBBBBBBBBBBBBBBBB" } });
    expect(await answers(await signedWithInstallationKey(`${path}/thumbnail`, past + 3600))).toEqual({ status: 404, body: { code: 1010, errorMessage: `No file ${uploaded.fileId} with a thumbnail` } });
    expect(await answers("/files/nope")).toEqual({ status: 404, body: { code: 1010, errorMessage: "No file at /files/nope" } });
  });

  it("go with their recalled message, with their uploader deleted for good, and when no message took them in a day", async () => {
    const amy = await connect("amy");
    const recalled = await uploadOrThrow({ token: tokens.amy, bytes: await png(20, 20), type: "image/png", name: "oops.png" });
    const message = await amy.sendDirectMessage({ to: "bob", messageType: "RC:ImgMsg", content: { fileId: recalled.fileId } });
    const kept = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("kept"), type: "text/plain", name: "kept.txt" });
    await amy.sendDirectMessage({ to: "bob", messageType: "RC:FileMsg", content: { fileId: kept.fileId, name: "kept.txt" } });
    const unused = await uploadOrThrow({ token: tokens.amy, bytes: Buffer.from("never sent"), type: "text/plain", name: "unused.txt" });
    const calsOwn = await uploadOrThrow({ token: tokens.cal, bytes: Buffer.from("cal's"), type: "text/plain", name: "cal.txt" });

    await amy.recallMessage({ channelType: ChannelType.direct, channelId: "bob", messageId: message.messageId });
    // The file of a message that is gone goes once the attachment's grace (10 minutes) has passed; an upload after a day.
    await ageRows(server.database, { table: "File", where: { id: recalled.fileId }, columns: ["attachedAt"], ms: 11 * 60_000 });
    await ageRows(server.database, { table: "File", where: { id: unused.fileId }, columns: ["createdAt"], ms: 25 * 3600_000 });
    expect((await callApi(server, app, "/v4/user/delete-for-good", { userIds: ["cal"], removeMessages: true })).status).toBe(200);

    const gone = [recalled.fileId, unused.fileId, calsOwn.fileId];
    for (let tries = 0; tries < 150; tries++) {
      const rows = (await fileRows()).map((row) => row.id);
      if (gone.every((id) => !rows.includes(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows, objects } = await snapshot();
    expect(rows).toContain(kept.fileId);
    for (const id of gone) expect(objects.filter((key) => key.includes(id))).toEqual([]);
    expect(objects.filter((key) => key.includes(kept.fileId))).toHaveLength(1);
    expect((await download(recalled.url)).status).toBe(404);
  });
});
