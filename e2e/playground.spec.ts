import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createOperatorWithCli } from "./operator";
import { issueAccessToken } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

test("two users chat in the playground: both sessions show the message, edits, recalls and reads, and the log shows the publications", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Playground") });
  await issueAccessToken(app, "amy");
  await issueAccessToken(app, "bob");

  await page.goto(`/apps/${app.appKey}/playground`);
  await expect(page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Playground" })).toHaveAttribute("aria-current", "page");
  const users = page.getByRole("list", { name: "Users to open" });
  await users.getByLabel(/amy/).check();
  await users.getByLabel(/bob/).check();
  await page.getByRole("button", { name: "Open sessions" }).click();

  const amy = page.getByRole("region", { name: "Session of amy" });
  const bob = page.getByRole("region", { name: "Session of bob" });
  await expect(amy.getByText("Connected")).toBeVisible();
  await expect(bob.getByText("Connected")).toBeVisible();

  await amy.getByLabel("Message from amy").fill("hello bob");
  await expect(bob.getByText("amy is typing…")).toBeVisible();
  await amy.getByRole("button", { name: "Send" }).click();
  await expect(amy.getByRole("list", { name: "Messages of amy" })).toContainText("hello bob");
  await expect(bob.getByRole("list", { name: "Messages of bob" })).toContainText("hello bob");
  await expect(bob.getByText("amy is typing…"), "the message ends the typing").toHaveCount(0);
  const log = page.getByRole("list", { name: "Event log" });
  const receivedBy = (userId: string) => log.getByRole("listitem").filter({ has: page.getByText(userId, { exact: true }) });
  await expect(receivedBy("bob").filter({ hasText: 'RC:TxtMsg from amy to bob (#1) "hello bob"' })).toBeVisible();

  await bob.getByRole("button", { name: "Mark read" }).click();
  await expect(receivedBy("amy").filter({ hasText: "bob read up to #1" })).toBeVisible();
  await expect(amy.getByRole("list", { name: "Messages of amy" })).toContainText("read");

  await amy.getByRole("button", { name: "Edit" }).click();
  await amy.getByLabel("Message from amy").fill("hello again, bob");
  await amy.getByRole("button", { name: "Save edit" }).click();
  await expect(bob.getByRole("list", { name: "Messages of bob" })).toContainText("hello again, bob");
  await expect(receivedBy("bob").filter({ hasText: "edited: #1 of amy" })).toBeVisible();

  await amy.getByRole("button", { name: "Recall" }).click();
  await expect(bob.getByRole("list", { name: "Messages of bob" })).toContainText("Message recalled");
  await expect(receivedBy("bob").filter({ hasText: "recalled: #1 of amy" })).toBeVisible();

  await page.getByRole("button", { name: "Close sessions" }).click();
  await expect(log).toContainText("closed with code 0");

  const { entries } = (await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json()) as { entries: { action: string; details: unknown }[] };
  expect(entries[0]).toEqual(expect.objectContaining({ action: "playground.tokens.issue", details: { userIds: ["amy", "bob"] } }));
});

test("a file message in the playground: an image shows its thumbnail and a file its name and size with a link, in the other session", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Playground files") });
  await issueAccessToken(app, "amy");
  await issueAccessToken(app, "bob");
  await page.goto(`/apps/${app.appKey}/playground`);
  const users = page.getByRole("list", { name: "Users to open" });
  await users.getByLabel(/amy/).check();
  await users.getByLabel(/bob/).check();
  await page.getByRole("button", { name: "Open sessions" }).click();
  const amy = page.getByRole("region", { name: "Session of amy" });
  const bob = page.getByRole("region", { name: "Session of bob" });
  await expect(amy.getByText("Connected")).toBeVisible();
  await expect(bob.getByText("Connected")).toBeVisible();

  // Uploaded through the SDK with amy's token, sent as an image message.
  const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
  await amy.getByLabel("File from amy").setInputFiles({ name: "harbour.png", mimeType: "image/png", buffer: png });
  const bobMessages = bob.getByRole("list", { name: "Messages of bob" });
  const image = bobMessages.getByRole("img", { name: "Image harbour.png" });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute("src", /\/files\/[A-Za-z0-9_-]{22}\/thumbnail\?expires=\d+&signature=/);
  // Bob's browser loaded the WebP thumbnail (320 pixels wide) from the URL signed for him.
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(320);
  await expect(amy.getByRole("list", { name: "Messages of amy" }).getByRole("img", { name: "Image harbour.png" })).toBeVisible();
  const log = page.getByRole("list", { name: "Event log" });
  await expect(log.getByRole("listitem").filter({ hasText: 'RC:ImgMsg from amy to bob (#1) "harbour.png"' }).first()).toBeVisible();

  // Anything else goes as a file message: its name, size and a download link.
  const pdf = Buffer.from("%PDF-1.4 the harbour's timetable");
  await amy.getByLabel("File from amy").setInputFiles({ name: "timetable.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(bobMessages).toContainText("timetable.pdf");
  await expect(bobMessages).toContainText(`${pdf.length} B`);
  const link = bobMessages.getByRole("link", { name: "Download" });
  await expect(link).toHaveAttribute("href", /\/files\/[A-Za-z0-9_-]{22}\?expires=\d+&signature=/);
  const download = await page.request.get((await link.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(await download.body()).toEqual(pdf);
});

test("test users made in the playground chat, and the webhook the app's endpoint was sent shows in the log", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Playground webhooks") });
  // The app's server, answering every event with 200.
  const receiver = createServer((request, response) => request.resume().on("end", () => response.end("ok")));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  const added = await page.request.post(`/api/console/apps/${app.appKey}/webhooks`, { data: { url, events: [] } });
  expect(added.status()).toBe(201);

  await page.goto(`/apps/${app.appKey}/playground`);
  await page.getByRole("button", { name: "Create test user" }).click();
  await expect(page.getByText(/^Chosen: test-\w+$/)).toBeVisible();
  await page.getByRole("button", { name: "Create test user" }).click();
  await expect(page.getByText(/^Chosen: test-\w+, test-\w+$/)).toBeVisible();
  await page.getByRole("button", { name: "Open sessions" }).click();

  const sessions = page.getByRole("region", { name: /^Session of test-/ });
  await expect(sessions).toHaveCount(2);
  const first = sessions.first();
  await expect(first.getByText("Connected")).toBeVisible();
  await expect(sessions.last().getByText("Connected")).toBeVisible();
  const sender = (await first.getAttribute("aria-label"))!.replace("Session of ", "");
  await first.getByLabel(`Message from ${sender}`).fill("test users talk");
  await first.getByRole("button", { name: "Send" }).click();
  await expect(sessions.last()).toContainText("test users talk");
  await expect(page.getByRole("list", { name: "Event log" }).getByRole("listitem").filter({ hasText: "webhook delivered" }).filter({ hasText: url }).first()).toBeVisible({
    timeout: 15_000,
  });
  receiver.close();
});

test("a viewer is told the playground is for admins, and the server refuses the viewer a token", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed playground") });
  await issueAccessToken(app, "amy");
  const viewer = createOperatorWithCli({ email: `viewer-playground-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-6", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${app.appKey}/playground`);
  await expect(page.getByText(/Only admins and owners can open playground sessions/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Open sessions" })).toHaveCount(0);
  const refused = await page.request.post(`/api/console/apps/${app.appKey}/playground/tokens`, { data: { userIds: ["amy"] } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ code: 1009, errorMessage: "Your role (viewer) cannot change anything here; an admin or owner can" });
});
