import { expect, test } from "@playwright/test";
import { ChatCallError } from "@switchboard/sdk";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi, connectClient } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

test("an admin changes settings by group; they persist and bad values are refused with the setting's name", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Settings") });
  await page.goto(`/apps/${app.appKey}/settings`);

  const messaging = page.getByRole("form", { name: "Messaging" });
  await messaging.getByLabel("Direct messages between friends only").check();
  await messaging.getByLabel("Compensation window (days)").fill("3");
  await messaging.getByRole("button", { name: "Save messaging" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Messaging saved" })).toBeVisible();

  await page.reload();
  await expect(messaging.getByLabel("Direct messages between friends only")).toBeChecked();
  await expect(messaging.getByLabel("Compensation window (days)")).toHaveValue("3");
  await expect(messaging.getByRole("button", { name: "Save messaging" })).toBeDisabled();

  // The browser holds back a value out of the field's range; the server refuses it too, naming the setting.
  await messaging.getByLabel("Compensation window (days)").fill("9");
  await messaging.getByRole("button", { name: "Save messaging" }).click();
  expect(await messaging.getByLabel("Compensation window (days)").evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);
  const refused = await page.request.patch(`/api/console/apps/${app.appKey}/settings`, { data: { compensationDays: 9, nosuchSetting: 1 } });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).errorMessage).toMatch(/^Unknown setting nosuchSetting/);
  const tooLong = await page.request.patch(`/api/console/apps/${app.appKey}/settings`, { data: { compensationDays: 9 } });
  expect(await tooLong.json()).toEqual({ code: 1002, errorMessage: expect.stringMatching(/^compensationDays: /) });
  await page.reload();
  await expect(messaging.getByLabel("Compensation window (days)")).toHaveValue("3");
});

test("keys are write-only: the page and the API say whether one is set, never what it is", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Push keys") });
  const key = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----";
  await page.goto(`/apps/${app.appKey}/settings`);
  const push = page.getByRole("form", { name: "Offline push" });
  await expect(push.getByText("Not set")).toHaveCount(2);
  await push.getByLabel("APNs authentication key").fill(key);
  await push.getByRole("button", { name: "Save offline push" }).click();
  await expect(push.getByText("Set", { exact: true })).toBeVisible();

  const view = await (await page.request.get(`/api/console/apps/${app.appKey}/settings`)).json();
  expect(view.secretsSet).toEqual({ pushFcmServiceAccount: false, pushApnsPrivateKey: true });
  expect(JSON.stringify(view)).not.toContain("BEGIN PRIVATE KEY");
  const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
  expect(entries[0]).toMatchObject({ action: "settings.update", details: { pushApnsPrivateKey: "[redacted]" } });
});

test("a viewer sees the settings, and the server refuses the viewer's change", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed settings") });
  const viewer = createOperatorWithCli({ email: `viewer-settings-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-2", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${app.appKey}/settings`);
  await expect(page.getByLabel("Multi-device message sync")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save messaging" })).toHaveCount(0);
  const refused = await page.request.patch(`/api/console/apps/${app.appKey}/settings`, { data: { multiDeviceSync: false } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ code: 1009 });
});

test("a connected client feels a settings change within seconds", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Live settings") });
  expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "bob", name: "bob" })).code).toBe(0);
  const ann = await connectClient(app, "ann");
  try {
    await page.goto(`/apps/${app.appKey}/settings`);
    const messaging = page.getByRole("form", { name: "Messaging" });
    await messaging.getByLabel("Client send rate (messages per second)").fill("1");
    await messaging.getByRole("button", { name: "Save messaging" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Messaging saved" })).toBeVisible();

    // Two sends in the same second: the second is refused once the new rate is in force.
    const deadline = Date.now() + 5000;
    let refusedCode: number | undefined;
    while (refusedCode === undefined && Date.now() < deadline) {
      const sends = await Promise.allSettled([ann.sendDirectMessage({ to: "bob", text: "one" }), ann.sendDirectMessage({ to: "bob", text: "two" })]);
      const refused = sends.find((send) => send.status === "rejected");
      if (refused) refusedCode = (refused.reason as ChatCallError).code;
      else await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    expect(refusedCode).toBe(20604);
  } finally {
    ann.disconnect();
  }
});
