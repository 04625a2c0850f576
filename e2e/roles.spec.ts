import { expect, test } from "@playwright/test";
import { createOperatorWithCli } from "./operator";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

// Operators of each role, added once for the run (the server's database lives as long as the run).
const suffix = Date.now().toString(36);
const viewer = { email: `viewer-${suffix}@e2e.switchboard.test`, password: "viewer-password-1", role: "viewer" as const };
const appAdmin = { email: `admin-${suffix}@e2e.switchboard.test`, password: "admin-password-1", role: "admin" as const };

let appKey: string;

test.beforeAll(async ({ request }) => {
  createOperatorWithCli(viewer);
  createOperatorWithCli(appAdmin);
  await signInThroughApi(request);
  appKey = (await createAppThroughApi(request, { name: uniqueName("Roles") })).appKey;
});

test("a viewer reads apps, and the server refuses every change and the secret", async ({ request }) => {
  await signInThroughApi(request, viewer);
  expect((await request.get("/api/console/apps")).status()).toBe(200);
  const refusals = [
    request.post("/api/console/apps", { data: { name: "Viewer app", environment: "development" } }),
    request.post(`/api/console/apps/${appKey}/rotate-secret`, { data: { graceHours: 0 } }),
    request.get(`/api/console/apps/${appKey}/secret`),
  ];
  for (const response of await Promise.all(refusals)) {
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ code: 1009, errorMessage: "Your role (viewer) cannot change anything here; an admin or owner can" });
  }
});

test("an admin's changes and secret reveals are in the audit log, without the secrets", async ({ request }) => {
  await signInThroughApi(request, appAdmin);
  expect((await request.get(`/api/console/apps/${appKey}/secret`)).status()).toBe(200);
  expect((await request.post(`/api/console/apps/${appKey}/rotate-secret`, { data: { graceHours: 2 } })).status()).toBe(200);

  const { entries } = (await (await request.get(`/api/console/audit?appKey=${appKey}`)).json()) as { entries: Record<string, unknown>[] };
  expect(entries.slice(0, 2)).toEqual([
    expect.objectContaining({ action: "app.secret.rotate", appKey, operatorEmail: appAdmin.email, details: { graceHours: 2 } }),
    expect.objectContaining({ action: "app.secret.reveal", appKey, operatorEmail: appAdmin.email, details: {} }),
  ]);
  expect(JSON.stringify(entries)).not.toMatch(/appSecret/);
});

test("a viewer sees the App Secret masked on the Overview, with nothing to reveal or copy it", async ({ page }) => {
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${appKey}`);
  await expect(page.getByTestId("app-secret")).toHaveText(/^•+Hidden$/);
  await expect(page.getByText("Admins and owners can reveal it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Copy App Secret" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
});

test("a viewer is not offered to create an app", async ({ page }) => {
  await signInThroughApi(page.request, viewer);
  await page.goto("/apps");
  await expect(page.getByRole("heading", { level: 1, name: "Apps" })).toBeVisible();
  await expect(page.getByRole("button", { name: /create app/i })).toHaveCount(0);
});
