import { expect, test } from "@playwright/test";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

async function seedChannels(app: { appKey: string; appSecret: string }) {
  for (const userId of ["ann", "bob"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "ann", userIds: ["bob"] })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/open-channel/create", { channelId: "stage" })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/community-channel/create", { userId: "ann", channelId: "town", name: "Town" })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/community-channel/subchannel/create", { channelId: "town", subchannelId: "news" })).code).toBe(0);
}

test("an admin browses groups, open channels and communities, and ends them with typed confirmation", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Channels") });
  await seedChannels(app);
  await page.goto(`/apps/${app.appKey}/channels`);

  await page.getByRole("list", { name: "Groups" }).getByRole("link", { name: /crew/ }).click();
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await expect(members.getByRole("listitem").first()).toContainText("owner");
  await page.getByRole("button", { name: "Dismiss" }).click();
  const dialog = page.getByRole("dialog", { name: "Dismiss group crew?" });
  await expect(dialog.getByRole("button", { name: "Dismiss group" })).toBeDisabled();
  await dialog.getByLabel("Type crew to confirm").fill("crew");
  await dialog.getByRole("button", { name: "Dismiss group" }).click();
  await expect(page.getByRole("status").filter({ hasText: "group crew ended" })).toBeVisible();
  await expect(page.getByText("No groups")).toBeVisible();

  await page.getByRole("tab", { name: "Communities" }).click();
  await page.getByRole("list", { name: "Communities" }).getByRole("link", { name: /town/ }).click();
  await expect(page.getByRole("list", { name: "Subchannels" })).toContainText("news");
  await page.getByRole("button", { name: "Dismiss" }).click();
  await page.getByLabel("Type town to confirm").fill("town");
  await page.getByRole("button", { name: "Dismiss community" }).click();
  await expect(page.getByRole("status").filter({ hasText: "community town ended" })).toBeVisible();
  await page.getByRole("tab", { name: "Communities" }).click();
  await expect(page.getByText("No communities")).toBeVisible();
  expect((await callPlatformApi(app, "/v4/community-channel/subchannel/list", { channelId: "town" })).code).not.toBe(0);

  await page.goto(`/apps/${app.appKey}/channels`);
  await page.getByRole("tab", { name: "Open channels" }).click();
  await page.getByRole("list", { name: "Open channels" }).getByRole("link", { name: /stage/ }).click();
  await page.getByRole("button", { name: "Destroy" }).click();
  await page.getByLabel("Type stage to confirm").fill("stage");
  await page.getByRole("button", { name: "Destroy open channel" }).click();
  await page.getByRole("tab", { name: "Open channels" }).click();
  await expect(page.getByText("No open channels")).toBeVisible();

  const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
  expect(entries.slice(0, 3).map((entry: { action: string }) => entry.action)).toEqual(["openChannel.destroy", "community.dismiss", "group.dismiss"]);
});

test("an ending that fails closes the dialog and says why in a toast", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Gone channels") });
  await seedChannels(app);
  await page.goto(`/apps/${app.appKey}/channels/groups/crew`);
  await expect(page.getByRole("list", { name: "Members" })).toContainText("bob");
  // The app server dismisses the group while the operator looks at it.
  expect((await callPlatformApi(app, "/v4/group-channel/dismiss", { channelId: "crew" })).code).toBe(0);
  await page.getByRole("button", { name: "Dismiss" }).click();
  await page.getByLabel("Type crew to confirm").fill("crew");
  await page.getByRole("button", { name: "Dismiss group" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: "crew" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
});

test("a viewer sees channels, and the server refuses the viewer's dismissal", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed channels") });
  await seedChannels(app);
  const viewer = createOperatorWithCli({ email: `viewer-channels-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-7", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${app.appKey}/channels/groups/crew`);
  await expect(page.getByRole("list", { name: "Members" })).toContainText("bob");
  await expect(page.getByRole("button", { name: "Dismiss" })).toHaveCount(0);
  const refused = await page.request.delete(`/api/console/apps/${app.appKey}/channels/groups/crew`);
  expect(refused.status()).toBe(403);
});
