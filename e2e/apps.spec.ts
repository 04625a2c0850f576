import { expect, type Page, test } from "@playwright/test";
import { callPlatformApi, sendPlatformRequest } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

/** App Secrets are 32 random bytes in base64url. */
const secretFormat = /^[A-Za-z0-9_-]{43}$/;

/** A Platform API call any app answers with code 0 when the signature verifies. */
const issueToken = (app: { appKey: string; appSecret: string }) => callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "signer", name: "Signer" });

/** Rotates the App Secret in the UI with the given grace period and answers the new secret. */
async function rotateInUi(page: Page, app: { name: string }, graceHours: string) {
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate the App Secret of ${app.name}?` });
  await dialog.getByLabel("Grace period (hours)").fill(graceHours);
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const newSecret = page.getByRole("dialog", { name: "New App Secret" }).getByTestId("new-app-secret");
  await expect(newSecret).toHaveText(secretFormat);
  const rotated = (await newSecret.textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("status").filter({ hasText: "App Secret rotated" })).toBeVisible();
  return rotated;
}

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
  await expect(page.getByRole("status").filter({ hasText: `${name} created` })).toBeVisible();
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

test("rotating the secret after confirming shows the new one, and both verify during the grace period", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Rotated app") });
  await page.goto(`/apps/${app.appKey}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate the App Secret of ${app.name}?` });
  await expect(dialog.getByLabel("Grace period (hours)")).toHaveValue("24");
  await dialog.getByLabel("Grace period (hours)").fill("2");
  await expect(dialog).toContainText("stops working in 2 hours");
  await page.getByRole("button", { name: "Cancel" }).click();

  const rotated = await rotateInUi(page, app, "2");
  expect(rotated).not.toBe(app.appSecret);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("The previous App Secret keeps working until")).toBeVisible();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("app-secret")).toHaveText(rotated);

  expect((await issueToken(app)).code, "the previous secret, in its grace period").toBe(0);
  expect((await issueToken({ appKey: app.appKey, appSecret: rotated })).code, "the new secret").toBe(0);
});

test("a rotation without grace period refuses the previous secret at once", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Hard rotation") });
  await page.goto(`/apps/${app.appKey}`);
  const rotated = await rotateInUi(page, app, "0");
  await expect(page.getByText("The previous App Secret keeps working until")).toHaveCount(0);

  const refused = await sendPlatformRequest(app, "/v4/auth/access-token/issue", { userId: "signer", name: "Signer" });
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({ code: 1004 });
  expect((await issueToken({ appKey: app.appKey, appSecret: rotated })).code).toBe(0);
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

test("a name the server refuses stays beside the field; any other failure closes the dialog with a toast", async ({ page }) => {
  await page.goto("/apps");
  await page.getByRole("button", { name: "Create app" }).click();
  const dialog = page.getByRole("dialog", { name: "Create app" });
  await dialog.getByLabel("Name").fill("   ");
  await dialog.getByRole("button", { name: "Create app" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();

  await page.route("**/api/console/apps", (route) =>
    route.request().method() === "POST" ? route.fulfill({ status: 503, json: { code: 1000, errorMessage: "The server is restarting" } }) : route.continue(),
  );
  await dialog.getByLabel("Name").fill(uniqueName("Unlucky app"));
  await dialog.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: "The app was not created: The server is restarting" })).toBeVisible();
});

test("a rotation that fails closes the dialog with a toast, and the secret stays", async ({ page }) => {
  const app = await createAppThroughApi(page.request, { name: uniqueName("Unrotated app") });
  await page.route(`**/api/console/apps/${app.appKey}/rotate-secret`, (route) => route.fulfill({ status: 500, json: { code: 1000, errorMessage: "Internal server error" } }));
  await page.goto(`/apps/${app.appKey}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: "The App Secret was not rotated: Internal server error" })).toBeVisible();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("app-secret")).toHaveText(app.appSecret);
});

test("the app switcher keeps the section: from one app's Messages to another's", async ({ page }) => {
  const from = await createAppThroughApi(page.request, { name: uniqueName("Switch from") });
  const to = await createAppThroughApi(page.request, { name: uniqueName("Switch to") });
  await page.goto(`/apps/${from.appKey}/messages`);
  const switcher = page.getByRole("combobox", { name: "App", exact: true });
  await expect(switcher).toHaveValue(from.appKey);
  await switcher.selectOption({ label: `${to.name} (development)` });

  await expect(page).toHaveURL(new RegExp(`/apps/${to.appKey}/messages$`));
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Messages" })).toHaveAttribute("aria-current", "page");
  await expect(switcher).toHaveValue(to.appKey);
});
