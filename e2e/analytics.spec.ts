import { expect, test } from "@playwright/test";
import type { SwitchboardClient } from "@switchboard/sdk";
import { callPlatformApi, connectClient } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

const clients: SwitchboardClient[] = [];

test.beforeEach(async ({ page }) => {
  await signInThroughApi(page.request);
});
test.afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

test("the overview shows today's figures live, and analytics chart them over a chosen range", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Analytics") });
  const [amy, bob] = await Promise.all([connectClient(app, "amy"), connectClient(app, "bob")]);
  clients.push(amy, bob);
  await amy.sendDirectMessage({ to: "bob", text: "hello" });
  await amy.sendDirectMessage({ to: "bob", text: "again" });
  expect((await callPlatformApi(app, "/v4/user/profile/set", {})).code).not.toBe(200);

  await page.goto(`/apps/${app.appKey}`);
  // Usage is saved every couple of seconds and the overview refreshes every five.
  await expect(page.getByTestId("stat-Messages")).toHaveText("2", { timeout: 15_000 });
  await expect(page.getByTestId("stat-Connected now")).toHaveText("2");
  await expect(page.getByTestId("stat-Active users")).toHaveText("2");
  // Two tokens issued and one refused profile update.
  await expect(page.getByTestId("stat-API calls")).toHaveText("3");
  await expect(page.getByTestId("stat-API error rate")).toHaveText("33.3 %");
  await expect(page.getByRole("img", { name: "API error rate, last 14 days" })).toBeVisible();
  await expect(page.getByTestId("stat-Webhook success")).toHaveText("—");
  await expect(page.getByRole("img", { name: "Messages, last 14 days" })).toBeVisible();

  bob.disconnect();
  await expect(page.getByTestId("stat-Connected now")).toHaveText("1", { timeout: 15_000 });

  await page.getByRole("link", { name: "Analytics →" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByTestId("figure-Messages by channel type")).toHaveText("2 messages");
  await page.getByRole("button", { name: "24 hours" }).click();
  await expect(page.getByRole("button", { name: "24 hours" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("figure-Peak concurrent connections")).toHaveText("highest 2");
  await expect(page.getByRole("img", { name: /^Messages by channel type/ }).locator(".recharts-bar-rectangle").first()).toBeVisible();
  const month = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date());
  await expect(page.getByTestId("figure-Active users")).toContainText(`${month}: 2`);
  const monthly = page.getByRole("img", { name: new RegExp(`^Monthly active users: .*${month}: 2`) });
  await expect(monthly.locator(".recharts-bar-rectangle").last()).toBeVisible();
  await expect(page.getByRole("img", { name: /^Active users: monthly/ })).toBeVisible();
  const endpoints = page.getByRole("table");
  await expect(endpoints.getByRole("row", { name: /\/v4\/auth\/access-token\/issue/ })).toContainText("2");
  await expect(endpoints.getByRole("row", { name: /\/v4\/user\/profile\/set/ })).toBeVisible();
});

test("analytics of an app without usage say so instead of drawing nothing", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Quiet") });
  await page.goto(`/apps/${app.appKey}/analytics`);
  await expect(page.getByTestId("figure-Messages by channel type")).toHaveText("0 messages");
  await expect(page.getByTestId("figure-Open channel messages dropped under load")).toHaveText("0 dropped");
  await expect(page.getByTestId("figure-Push notifications")).toHaveText("0 delivered, 0 failed, 0 dead tokens removed");
  await expect(page.getByText("No Platform API calls in this range")).toBeVisible();
});
