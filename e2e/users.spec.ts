import { expect, test } from "@playwright/test";
import type { SwitchboardClient } from "../lib/sdk";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi, connectClient } from "./platform-api";
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

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deleted");
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Deleted");

  const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
  expect(entries.map((entry: { action: string }) => entry.action).slice(0, 5)).toEqual(["user.restore", "user.delete", "user.kick", "bans.unban", "user.ban"]);
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
