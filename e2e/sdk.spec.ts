import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { issueAccessToken } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

// The SDK package as an app's web client loads it: its build (packages/sdk/dist, made by
// `npm run build`) and the centrifuge client as ES modules in Chromium, talking to the real server.
const sdkBuild = path.resolve(import.meta.dirname, "../packages/sdk/dist");
const centrifugeBuild = path.resolve(import.meta.dirname, "../node_modules/centrifuge/build/index.mjs");
const entry = "/sdk-page/sdk/packages/sdk/src/index.js";

/**
 * A page of the server's own (so Chromium's local network checks let it open the gateway's
 * WebSocket), into which the test serves the builds: the SDK's modules with the bare
 * `centrifuge` import pointed at centrifuge's ES module, as a bundler would resolve it.
 */
async function openSdkPage(page: Page) {
  await page.route("**/sdk-page/**", async (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === "/sdk-page/centrifuge.mjs") return route.fulfill({ contentType: "text/javascript", body: readFileSync(centrifugeBuild) });
    const file = path.join(sdkBuild, pathname.slice("/sdk-page/sdk/".length));
    if (!file.startsWith(sdkBuild) || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    const body = readFileSync(file, "utf8").replaceAll('from "centrifuge"', 'from "/sdk-page/centrifuge.mjs"');
    return route.fulfill({ contentType: file.endsWith(".js") ? "text/javascript" : "application/json", body });
  });
  await page.goto("/sign-in");
}

test("two users chat through the built SDK package in the browser: outbox, messages, the conversation list and reads", async ({ page }) => {
  expect(existsSync(path.join(sdkBuild, "packages/sdk/src/index.js")), "build the SDK first: npm run build").toBe(true);
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("SDK") });
  const tokens = { amy: await issueAccessToken(app, "amy"), bob: await issueAccessToken(app, "bob") };
  page.on("console", (message) => console.log(`[page] ${message.text()}`));
  page.on("pageerror", (error) => console.log(`[page error] ${error.message}`));
  await openSdkPage(page);

  const result = await page.evaluate(
    async ({ entry, tokens }) => {
      const { SwitchboardClient, ChannelType, MemoryChatStore } = (await import(entry)) as typeof import("@switchboard/sdk");
      const url = `${location.origin.replace("http", "ws")}/connection/websocket`;
      const waitFor = async <T>(check: () => T | undefined | false, what: string): Promise<T> => {
        for (let tries = 0; tries < 500; tries++) {
          const value = check();
          if (value) return value;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`timed out waiting for ${what}`);
      };

      const store = new MemoryChatStore();
      const amy = new SwitchboardClient({ url, token: tokens.amy, store });
      const bob = new SwitchboardClient({ url, token: tokens.bob });
      const bobReceived: string[] = [];
      bob.onMessage((message) => bobReceived.push(String(message.content.content)));
      const renders: number[] = [];
      amy.on("conversationsChanged", (conversations) => renders.push(conversations.length));

      // Written before connecting: it waits in the outbox (and the store), then goes out.
      const early = amy.sendDirectMessage({ to: "bob", text: "written offline" });
      const pending = await waitFor(() => store.loadOutbox().length, "the send to reach the store's outbox");
      await bob.connect();
      await amy.connect();
      const sent = await early;
      await waitFor(() => bobReceived.includes("written offline"), "bob to get amy's message");

      await amy.loadConversations();
      const reply = await bob.sendDirectMessage({ to: "amy", text: "hello from bob" });
      const unread = await waitFor(() => amy.conversations.find((conversation) => conversation.channelId === "bob" && conversation.unreadCount === 1), "amy's list to show bob's message");
      const receipt = new Promise<number | undefined>((resolve) => bob.on("readReceipt", (event) => resolve(event.readSeq)));
      await amy.markRead({ channelType: ChannelType.direct, channelId: "bob", seq: reply.seq! });
      const read = amy.conversations[0]!;
      const answer = await amy.sendDirectMessage({ to: "bob", text: "read you" });
      const receiptSeq = await receipt;
      await waitFor(() => bobReceived.includes("read you"), "bob to get amy's answer");
      const outcome = {
        pending,
        sentSeq: sent.seq,
        bobReceived,
        unread: { channelId: unread.channelId, unreadCount: unread.unreadCount, lastText: unread.lastMessage?.content.content },
        read: { unreadCount: read.unreadCount, readSeq: read.readSeq },
        receiptSeq,
        lastText: amy.conversations[0]?.lastMessage?.content.content,
        answerSeq: answer.seq,
        rendered: renders.length > 0,
        outboxAfter: store.loadOutbox().length,
        syncPosition: Boolean(amy.syncPosition),
      };
      amy.disconnect();
      bob.disconnect();
      return outcome;
    },
    { entry, tokens },
  );

  expect(result).toEqual({
    pending: 1,
    sentSeq: 1,
    bobReceived: ["written offline", "read you"],
    unread: { channelId: "bob", unreadCount: 1, lastText: "hello from bob" },
    read: { unreadCount: 0, readSeq: 2 },
    receiptSeq: 2,
    lastText: "read you",
    answerSeq: 3,
    rendered: true,
    outboxAfter: 0,
    syncPosition: true,
  });
});

test("a file picked in the browser is uploaded through the built SDK package and reaches the other user as an image message whose URLs load", async ({ page }) => {
  expect(existsSync(path.join(sdkBuild, "packages/sdk/src/index.js")), "build the SDK first: npm run build").toBe(true);
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("SDK files") });
  const tokens = { amy: await issueAccessToken(app, "amy"), bob: await issueAccessToken(app, "bob") };
  page.on("pageerror", (error) => console.log(`[page error] ${error.message}`));
  await openSdkPage(page);

  const result = await page.evaluate(
    async ({ entry, tokens }) => {
      const { SwitchboardClient, fileMessage } = (await import(entry)) as typeof import("@switchboard/sdk");
      const url = `${location.origin.replace("http", "ws")}/connection/websocket`;
      const amy = new SwitchboardClient({ url, token: tokens.amy });
      const bob = new SwitchboardClient({ url, token: tokens.bob });
      const received = new Promise<import("@switchboard/sdk").ChatMessage>((resolve) => bob.onMessage(resolve));
      await bob.connect();
      await amy.connect();

      // A picture as a file input hands it over: a File with its name and type.
      const canvas = document.createElement("canvas");
      canvas.width = 200;
      canvas.height = 100;
      const context = canvas.getContext("2d")!;
      context.fillStyle = "#2a7";
      context.fillRect(0, 0, 200, 100);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), "image/png"));
      const upload = await amy.uploadFile(new File([blob], "square.png", { type: "image/png" }));
      await amy.sendDirectMessage({ to: "bob", ...fileMessage(upload) });
      const message = await received;
      const { url: fileUrl, thumbnailUrl } = message.content as { url: string; thumbnailUrl: string };
      const download = await fetch(bob.fileUrl(fileUrl));
      const thumbnail = new Image();
      thumbnail.src = bob.fileUrl(thumbnailUrl);
      await thumbnail.decode();
      const refused = await amy.uploadFile(new Uint8Array(8), { name: "tool.exe", type: "application/x-msdownload" }).catch((error: { code: number; name: string }) => ({ name: error.name, code: error.code }));
      amy.disconnect();
      bob.disconnect();
      return {
        upload: { name: upload.name, mimeType: upload.mimeType, size: upload.size === blob.size, width: upload.width, height: upload.height },
        message: { messageType: message.messageType, fileId: message.content.fileId === upload.fileId, name: message.content.name },
        download: { status: download.status, type: download.headers.get("content-type"), size: (await download.arrayBuffer()).byteLength === blob.size },
        thumbnailWidth: thumbnail.naturalWidth,
        refused,
      };
    },
    { entry, tokens },
  );

  expect(result).toEqual({
    upload: { name: "square.png", mimeType: "image/png", size: true, width: 200, height: 100 },
    message: { messageType: "RC:ImgMsg", fileId: true, name: "square.png" },
    download: { status: 200, type: "image/png", size: true },
    thumbnailWidth: 200,
    refused: { name: "ChatCallError", code: 1002 },
  });
});
