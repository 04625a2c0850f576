import { expect, test } from "@playwright/test";
import type { SwitchboardClient } from "@switchboard/sdk";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi, clientWithToken, connectClient, issueAccessToken } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

/** Resolves with the close code once the client is disconnected by the server. */
const closeCode = (client: SwitchboardClient) => new Promise<number>((resolve) => client.on("disconnected", (event) => resolve(event.code)));

test("an admin finds a user, sees the live session, bans, unbans in bulk, kicks, deletes and restores", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Users") });
  for (const userId of ["alice", "albert", "bob"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: `${userId} name` })).code).toBe(0);

  await page.goto(`/apps/${app.appKey}/users`);
  await page.getByLabel("Search by user ID or name").fill("al");
  const list = page.getByRole("list", { name: "Users" });
  await expect(list.getByRole("link")).toHaveCount(2);
  const alice = await connectClient(app, "alice");
  await list.getByRole("link", { name: /alice/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("alice");
  await expect(page.getByRole("list", { name: "Sessions" })).toContainText("127.0.0.1");
  await expect(page.getByRole("list", { name: "Sessions" })).toContainText("web");

  const banned = closeCode(alice);
  await page.getByRole("button", { name: "Ban", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Ban alice?" });
  await dialog.getByLabel("7 days").check();
  await dialog.getByRole("button", { name: "Ban user" }).click();
  expect(await banned).toBe(3503);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Banned until");

  await page.getByRole("link", { name: "Bans" }).click();
  await page.getByLabel("Select alice").check();
  await page.getByRole("button", { name: "Unban selected (1)" }).click();
  await page.getByRole("dialog", { name: "Unban 1 user?" }).getByRole("button", { name: "Unban" }).click();
  await expect(page.getByText("Nobody is banned")).toBeVisible();

  const again = await connectClient(app, "alice");
  const kicked = closeCode(again);
  await page.goto(`/apps/${app.appKey}/users/alice`);
  await page.getByRole("button", { name: "Kick sessions" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect all" }).click();
  expect(await kicked).toBe(4503);
  // The next dialog opens once this one closed: until then the page behind it takes no clicks.
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deleted");
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Deleted");

  const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
  expect(entries.map((entry: { action: string }) => entry.action).slice(0, 5)).toEqual(["user.restore", "user.delete", "user.kick", "bans.unban", "user.ban"]);
});

/** Resolves with the close code once a connect attempt of the client ends refused. */
async function refusedConnect(client: SwitchboardClient): Promise<number> {
  const closed = closeCode(client);
  await expect(client.connect()).rejects.toBeTruthy();
  return closed;
}

test("the user page shows friends, blocklist and groups; invalidated tokens and a ban forever keep the user out", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("User relations") });
  for (const userId of ["dana", "eli", "finn"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/friend/add", { userId: "dana", targetId: "eli" })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/user/blocklist/add", { userId: "dana", targetUserIds: ["finn"] })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/group-channel/create", { channelId: "book-club", name: "Book club", owner: "dana", userIds: ["eli"] })).code).toBe(0);

  await page.goto(`/apps/${app.appKey}/users/dana`);
  await expect(page.getByRole("list", { name: "Friends" })).toHaveText("eli");
  await expect(page.getByRole("list", { name: "Blocklist" })).toHaveText("finn");
  await expect(page.getByRole("list", { name: "Groups" })).toHaveText("book-club (Book club)");

  const oldToken = await issueAccessToken(app, "dana");
  await page.getByRole("button", { name: "Invalidate tokens" }).click();
  await page.getByRole("dialog", { name: "Invalidate the tokens of dana?" }).getByRole("button", { name: "Invalidate tokens" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tokens invalidated" })).toBeVisible();
  await expect(page.getByText(/tokens before .+ invalid/)).toBeVisible();
  // Told its token expired, a client without a way to fetch another gives up as unauthorized.
  expect(await refusedConnect(clientWithToken(oldToken))).toBe(1);
  const renewed = await connectClient(app, "dana");

  const banned = closeCode(renewed);
  await page.getByRole("button", { name: "Ban", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Ban dana?" });
  await dialog.getByLabel("Forever").check();
  await dialog.getByRole("button", { name: "Ban user" }).click();
  expect(await banned).toBe(3503);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Banned forever");
  expect(await refusedConnect(clientWithToken(await issueAccessToken(app, "dana")))).toBe(3503);

  const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
  expect(entries.slice(0, 2)).toEqual([
    expect.objectContaining({ action: "user.ban", details: expect.objectContaining({ userId: "dana", forever: true }) }),
    expect.objectContaining({ action: "user.invalidate-tokens", details: expect.objectContaining({ userId: "dana" }) }),
  ]);
});

test("a viewer sees users, and the server refuses the viewer's ban", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed users") });
  await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "carl", name: "carl" });
  const viewer = createOperatorWithCli({ email: `viewer-users-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-4", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${app.appKey}/users/carl`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("carl");
  await expect(page.getByRole("button", { name: "Ban", exact: true })).toHaveCount(0);
  const refused = await page.request.post(`/api/console/apps/${app.appKey}/users/carl/ban`, { data: { forever: true } });
  expect(refused.status()).toBe(403);
});

test("an admin deletes a development user for good, which frees the quota; a viewer is refused and a production app offers no such delete", async ({ page, request }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Cleaned users") });
  for (const userId of ["gus", "hal"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  const text = JSON.stringify({ content: "from hal" });
  expect((await callPlatformApi(app, "/v4/direct-channel/message/send", { fromUserId: "hal", toUserIds: ["gus"], messageType: "RC:TxtMsg", content: text })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/user/soft-delete", { userIds: ["gus"] })).code).toBe(0);

  await page.goto(`/apps/${app.appKey}/users`);
  // Soft-deleted users keep counting.
  await expect(page.getByText("may register 98 more")).toBeVisible();
  await page.getByRole("list", { name: "Users" }).getByRole("link", { name: /hal/ }).click();
  await expect(page.getByRole("list", { name: "Messages sent" })).toContainText("from hal");
  await page.getByRole("button", { name: "Delete for good" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete hal for good?" });
  await dialog.getByLabel("Remove their messages").check();
  await dialog.getByRole("button", { name: "Delete for good" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appKey}/users$`));
  await expect(page.getByText("may register 99 more")).toBeVisible();
  await expect(page.getByRole("list", { name: "Users" }).getByRole("link")).toHaveText([/gus/]);

  // The soft-deleted user goes too, keeping what they sent (nothing here).
  await page.goto(`/apps/${app.appKey}/users/gus`);
  await page.getByRole("button", { name: "Delete for good" }).click();
  await page.getByRole("dialog", { name: "Delete gus for good?" }).getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByText("may register 100 more")).toBeVisible();
  await expect(page.getByText("No users yet")).toBeVisible();

  const { messages } = await (await page.request.get(`/api/console/apps/${app.appKey}/messages`)).json();
  expect(messages).toEqual([]);
  const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
  expect(entries.slice(0, 2)).toEqual([
    expect.objectContaining({ action: "user.delete-for-good", details: expect.objectContaining({ userId: "gus", removeMessages: false }) }),
    expect.objectContaining({ action: "user.delete-for-good", details: expect.objectContaining({ userId: "hal", removeMessages: true }) }),
  ]);

  // A viewer sees no such button, and the server refuses the viewer's call.
  expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "ivy", name: "ivy" })).code).toBe(0);
  const viewer = createOperatorWithCli({ email: `viewer-cleaned-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-9", role: "viewer" });
  await signInThroughApi(request, viewer);
  const refused = await request.post(`/api/console/apps/${app.appKey}/users/ivy/delete-for-good`, { data: { removeMessages: true } });
  expect(refused.status()).toBe(403);
  expect((await callPlatformApi(app, "/v4/user/get", { userId: "ivy" })).code).toBe(0);

  // A production app's users can only be soft-deleted.
  const production = await createAppThroughApi(page.request, { name: uniqueName("Production users"), environment: "production" });
  expect((await callPlatformApi(production, "/v4/auth/access-token/issue", { userId: "joy", name: "joy" })).code).toBe(0);
  await page.goto(`/apps/${production.appKey}/users/joy`);
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete for good" })).toHaveCount(0);
  const answer = await page.request.post(`/api/console/apps/${production.appKey}/users/joy/delete-for-good`, { data: {} });
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toEqual({ code: 1009, errorMessage: "Only a development app's users can be deleted for good; soft-delete the users of a production app" });
});
