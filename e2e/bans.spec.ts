import { expect, test } from "@playwright/test";
import { callPlatformApi } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

// End times are shown in the browser's locale and time zone: fix both to write them here.
test.use({ locale: "en-US", timezoneId: "UTC" });
const shownTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

test("the Bans page lists each ban with its end, narrows by user ID, and lifts several at once", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Bans") });
  for (const userId of ["carl", "cathy", "dave"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/user/ban", { userIds: ["cathy"], durationMinutes: 60 })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/user/ban", { userIds: ["dave"], durationMinutes: 1440 })).code).toBe(0);
  // The Platform API bans for 30 days at most; a ban without end is the console's.
  expect((await page.request.post(`/api/console/apps/${app.appKey}/users/carl/ban`, { data: { forever: true } })).status()).toBe(200);
  const listed = await callPlatformApi(app, "/v4/user/ban/list", {});
  const endOf = (userId: string) => (listed.result as { bannedUsers: { userId: string; banExpiresAt: string }[] }).bannedUsers.find((ban) => ban.userId === userId)!.banExpiresAt;

  await page.goto(`/apps/${app.appKey}/bans`);
  const bans = page.getByRole("list", { name: "Banned users" });
  await expect(bans.getByRole("listitem")).toHaveCount(3);
  await expect(bans.getByRole("listitem").filter({ hasText: "carl" })).toContainText("forever");
  await expect(bans.getByRole("listitem").filter({ hasText: "cathy" })).toContainText(`until ${shownTime.format(new Date(endOf("cathy")))}`);
  await expect(bans.getByRole("listitem").filter({ hasText: "dave" })).toContainText(`until ${shownTime.format(new Date(endOf("dave")))}`);

  await page.getByLabel("Filter by user ID").fill("ca");
  await expect(bans.getByRole("listitem")).toHaveCount(2);
  await page.getByLabel("Select carl").check();
  await page.getByLabel("Select cathy").check();
  await page.getByRole("button", { name: "Unban selected (2)" }).click();
  await page.getByRole("dialog", { name: "Unban 2 users?" }).getByRole("button", { name: "Unban" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 bans lifted" })).toBeVisible();
  await expect(page.getByText("Nobody is banned")).toBeVisible();

  await page.getByLabel("Filter by user ID").fill("");
  await expect(bans.getByRole("listitem")).toHaveCount(1);
  await expect(bans).toContainText("dave");
  const remaining = await callPlatformApi(app, "/v4/user/ban/list", {});
  expect(remaining.result).toEqual({ bannedUsers: [{ userId: "dave", banExpiresAt: endOf("dave") }] });
});
