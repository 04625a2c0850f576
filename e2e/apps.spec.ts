import { expect, test } from "@playwright/test";
import { callPlatformApi } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

/** App Secrets are 32 random bytes in base64url. */
const secretFormat = /^[A-Za-z0-9_-]{43}$/;

test.beforeEach(async ({ page }) => {
  await signInThroughApi(page.request);
});

test("creating an app shows its App Key, and its secret only once revealed", async ({ page }) => {
  const name = uniqueName("Chat app");
  await page.goto("/apps");
  await page.getByRole("button", { name: "Create app" }).click();
  const dialog = page.getByRole("dialog", { name: "Create app" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: "Production" }).check();
  await dialog.getByRole("button", { name: "Create app" }).click();

  await expect(page).toHaveURL(/\/apps\/[a-z0-9]{14}$/);
  const appKey = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Production");
  await expect(page.getByTestId("app-key")).toHaveText(appKey);

  const secret = page.getByTestId("app-secret");
  await expect(secret).toHaveText(/^•+Hidden$/);
  const { app } = (await (await page.request.get(`/api/console/apps/${appKey}/secret`)).json()) as { app: { appSecret: string } };
  await expect(page.getByText(app.appSecret)).toHaveCount(0);

  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveText(app.appSecret);
  expect(app.appSecret).toMatch(secretFormat);

  await page.getByRole("button", { name: "Hide" }).click();
  await expect(secret).toHaveText(/^•+Hidden$/);

  await page.getByRole("link", { name: "Apps" }).first().click();
  await expect(page.getByRole("list", { name: "Apps" }).getByRole("link", { name: new RegExp(name) })).toBeVisible();
});

test("Copy puts the App Key on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Copy app") });
  await page.goto(`/apps/${app.appKey}`);
  await page.getByRole("button", { name: "Copy App Key" }).click();

  await expect(page.getByRole("button", { name: "Copy App Key" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(app.appKey);
});

test("rotating the secret after confirming shows the new one and keeps the old one for the grace period", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Rotated app") });
  await page.goto(`/apps/${app.appKey}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();

  const dialog = page.getByRole("dialog", { name: `Rotate the App Secret of ${app.name}?` });
  await expect(dialog.getByLabel("Grace period (hours)")).toHaveValue("24");
  await dialog.getByLabel("Grace period (hours)").fill("2");
  await expect(dialog).toContainText("stops working in 2 hours");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();

  const newSecret = page.getByRole("dialog", { name: "New App Secret" }).getByTestId("new-app-secret");
  await expect(newSecret).toHaveText(secretFormat);
  const rotated = await newSecret.textContent();
  expect(rotated).not.toBe(app.appSecret);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await expect(page.getByText("The previous App Secret keeps working until")).toBeVisible();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("app-secret")).toHaveText(rotated!);
});

test("cancelling the rotation keeps the secret", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Kept app") });
  await page.goto(`/apps/${app.appKey}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("app-secret")).toHaveText(app.appSecret);
});

test("an owner deletes an app after typing its name, and its keys stop working", async ({ page }) => {
  const name = uniqueName("Doomed app");
  const app = await createAppThroughApi(page.request, { name });
  expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "soon-gone", name: "Soon gone" })).code).toBe(0);
  await page.goto(`/apps/${app.appKey}`);
  await page.getByRole("button", { name: "Delete app" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog.getByRole("button", { name: "Delete app" })).toBeDisabled();
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await dialog.getByRole("button", { name: "Delete app" }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
  expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "soon-gone", name: "Soon gone" })).code).not.toBe(0);
});
