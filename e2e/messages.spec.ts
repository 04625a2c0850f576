import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

async function seedMessages(app: { appKey: string; appSecret: string }) {
  for (const userId of ["ann", "bob"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "ann", userIds: ["bob"] })).code).toBe(0);
  const text = (value: string) => JSON.stringify({ content: value });
  await callPlatformApi(app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["bob"], messageType: "RC:TxtMsg", content: text("hello bob") });
  await callPlatformApi(app, "/v4/group-channel/message/send", { fromUserId: "ann", toChannelIds: ["crew"], messageType: "RC:TxtMsg", content: text("team update, with a comma") });
  await callPlatformApi(app, "/v4/direct-channel/message/send", { fromUserId: "bob", toUserIds: ["ann"], messageType: "RC:TxtMsg", content: text("reply") });
}

/** Clicks an export link and answers the downloaded file's name and lines. */
async function download(page: Page, link: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), lines: (await readFile((await file.path())!, "utf8")).trim().split("\n") };
}

test("an admin filters messages, opens one, recalls it, and exports the result", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Messages") });
  await seedMessages(app);
  await page.goto(`/apps/${app.appKey}/messages`);
  const list = page.getByRole("list", { name: "Messages" });
  // Three texts, and the group's creation notice.
  await expect(list.getByRole("listitem")).toHaveCount(4);

  const filters = page.getByRole("form", { name: "Message filters" });
  await filters.getByLabel("Sender").fill("ann");
  await filters.getByLabel("Message type").fill("RC:TxtMsg");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(2);

  // The exports hold what the filters found, newest first.
  const csv = await download(page, "Export CSV");
  expect(csv.name).toBe(`messages-${app.appKey}.csv`);
  expect(csv.lines[0]).toBe("messageId,channelType,channelId,seq,senderId,messageType,content,sentAt,edited,recalled");
  expect(csv.lines).toHaveLength(3);
  expect(csv.lines[1]).toContain('"{""content"":""team update, with a comma""}"');
  expect(csv.lines[2]).toContain('"{""content"":""hello bob""}"');
  const jsonl = await download(page, "Export JSON Lines");
  expect(jsonl.name).toBe(`messages-${app.appKey}.jsonl`);
  expect(jsonl.lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ senderId: "ann", channelId: "crew", content: '{"content":"team update, with a comma"}' }),
    expect.objectContaining({ senderId: "ann", channelType: 1, content: '{"content":"hello bob"}' }),
  ]);
  await filters.getByLabel("Message type").fill("");

  await filters.getByLabel("Sender").fill("");
  await filters.getByLabel("Text in content").fill("update");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Text search needs a channel" })).toBeVisible();
  await filters.getByLabel("Channel ID").fill("crew");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);

  await list.getByText("team update, with a comma").first().click();
  await expect(page.getByLabel("Stored message")).toContainText('"senderId": "ann"');
  await page.getByRole("button", { name: "Recall" }).click();
  await page.getByRole("dialog", { name: "Recall this message?" }).getByRole("button", { name: "Recall message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message recalled" })).toBeVisible();
  // Its content is gone, so the text no longer finds it; the channel lists it as recalled.
  await expect(page.getByText("No messages match")).toBeVisible();
  await filters.getByLabel("Text in content").fill("");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(list.getByRole("listitem").filter({ hasText: "RC:TxtMsg" })).toContainText("recalled");
});

test("more messages than a page: Older pages on, Newer comes back", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Many messages") });
  for (const userId of ["ann", "bob"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  for (let index = 1; index <= 55; index++) {
    const sent = await callPlatformApi(app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["bob"], messageType: "RC:TxtMsg", content: JSON.stringify({ content: `note ${index}` }) });
    expect(sent.code).toBe(0);
  }
  await page.goto(`/apps/${app.appKey}/messages`);
  const list = page.getByRole("list", { name: "Messages" });
  await expect(list.getByRole("listitem")).toHaveCount(50);
  await expect(list.getByRole("listitem").first()).toContainText("note 55");
  await expect(page.getByRole("button", { name: "Newer" })).toBeDisabled();

  await page.getByRole("button", { name: "Older" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(5);
  await expect(list.getByRole("listitem").first()).toContainText("note 5");
  await expect(list.getByRole("listitem").last()).toContainText("note 1");
  await expect(page.getByRole("button", { name: "Older" })).toBeDisabled();

  await page.getByRole("button", { name: "Newer" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(50);
  await expect(list.getByRole("listitem").first()).toContainText("note 55");
});

test("a viewer reads messages, and the server refuses the viewer's recall", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed messages") });
  await seedMessages(app);
  const viewer = createOperatorWithCli({ email: `viewer-messages-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-6", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  const { messages } = await (await page.request.get(`/api/console/apps/${app.appKey}/messages`)).json();
  expect(messages).toHaveLength(4);
  const refused = await page.request.post(`/api/console/apps/${app.appKey}/messages/${messages[0].messageId}/recall`, { data: {} });
  expect(refused.status()).toBe(403);
});
