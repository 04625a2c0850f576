import { expect, type Page, test } from "@playwright/test";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

/** Picks an endpoint as an operator does: searches for its path and clicks it among the results. */
async function pickEndpoint(page: Page, path: string) {
  await page.getByRole("combobox", { name: "Search endpoints" }).fill(path);
  await page.getByRole("option", { name: path, exact: true }).click();
  await expect(page.getByRole("region", { name: "Chosen endpoint" })).toContainText(`POST ${path}`);
}

test("the endpoint picker searches, groups by the contract's tags, and describes the chosen endpoint with its rate limit", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Picker") });
  await page.goto(`/apps/${app.appKey}/debugger`);
  const list = page.getByRole("listbox", { name: "Endpoints" });
  const search = page.getByRole("combobox", { name: "Search endpoints" });
  // Every endpoint is offered until a search narrows them.
  await expect(list.getByRole("option", { name: "/v4/auth/access-token/issue", exact: true })).toHaveAttribute("aria-selected", "true");
  expect(await list.getByRole("option").count()).toBeGreaterThan(200);

  await search.fill("user/soft-delete");
  await expect(list.getByRole("group")).toHaveCount(1);
  const found = list.getByRole("group", { name: /UserManagement/ }).getByRole("option");
  await expect(found).toHaveCount(2);
  await expect(found.first()).toHaveAccessibleName("/v4/user/soft-delete");
  await expect(found.last()).toHaveAccessibleName("/v4/user/soft-deleted/list");
  await search.press("ArrowDown");
  await search.press("Enter");
  const chosen = page.getByRole("region", { name: "Chosen endpoint" });
  await expect(chosen).toContainText("POST /v4/user/soft-delete");
  await expect(chosen).toContainText("Deactivate users and erase their personal data");
  await expect(chosen).toContainText("Rate limit: 100 users/second per app");
  await expect(page.getByLabel(/^userIds/)).toBeVisible();

  // Words of a summary find endpoints of several tags; an extension says so.
  await search.fill("delete for good");
  await list.getByRole("option", { name: "/v4/user/delete-for-good", exact: true }).click();
  await expect(chosen).toContainText("Switchboard extension");
  await search.fill("no endpoint is called this");
  await expect(list).toContainText("No endpoint matches");
});

test("the debugger sends a real signed request from a generated form, shows curl, and replays from history", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Debugger") });
  await page.goto(`/apps/${app.appKey}/debugger`);
  await pickEndpoint(page, "/v4/auth/access-token/issue");
  await page.getByLabel(/^userId/).fill("dbg-user");
  await page.getByLabel(/^name/).fill("Debug User");
  await page.getByRole("button", { name: "Send request" }).click();

  await expect(page.getByText("HTTP 200")).toBeVisible();
  await expect(page.getByTestId("response-body")).toContainText('"code": 0');
  await expect(page.getByTestId("response-body")).toContainText("accessToken");
  const signature = await page.getByRole("region", { name: "Sent request" }).locator("dd").nth(4).innerText();
  expect(signature).toMatch(/^[0-9a-f]{40}$/);
  await expect(page.getByTestId("curl")).toContainText(`Signature: ${signature}`);
  await expect(page.getByTestId("curl")).toContainText(`App-Key: ${app.appKey}`);
  await expect(page.getByTestId("curl")).not.toContainText(app.appSecret);

  await page.getByRole("list", { name: "History" }).getByRole("button", { name: "Replay" }).click();
  await expect(page.getByRole("list", { name: "History" }).getByRole("listitem")).toHaveCount(2);
  const replayed = await page.getByRole("region", { name: "Sent request" }).locator("dd").nth(4).innerText();
  expect(replayed).not.toBe(signature);
});

test("the debugger signs with version 2 when chosen, which an app requiring it accepts and version 1 it refuses", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Signature v2") });
  expect((await page.request.patch(`/api/console/apps/${app.appKey}/settings`, { data: { requireRequestSignature: true } })).status()).toBe(200);
  await page.goto(`/apps/${app.appKey}/debugger`);
  await pickEndpoint(page, "/v4/auth/access-token/issue");
  await page.getByLabel(/^userId/).fill("v2-user");
  await page.getByLabel(/^name/).fill("Signed User");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("HTTP 401")).toBeVisible();
  await expect(page.getByTestId("response-body")).toContainText("accepts only Signature-Version: 2");

  await page.getByRole("combobox", { name: "Signature" }).selectOption("2");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("HTTP 200")).toBeVisible();
  await expect(page.getByTestId("curl")).toContainText("Signature-Version: 2");
  const signature = await page.getByRole("region", { name: "Sent request" }).locator("dd").nth(5).innerText();
  expect(signature).toMatch(/^[0-9a-f]{64}$/);
});

test("the request log lists the app's calls with redacted bodies, filters by status, and opens one in the debugger", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Request log") });
  const issued = await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "logged", name: "Logged" });
  const token = (issued.result as { accessToken: string }).accessToken;
  expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { name: "no user id" })).code).toBe(1002);

  await page.goto(`/apps/${app.appKey}/requests`);
  const requests = page.getByRole("list", { name: "Requests" });
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(requests.getByRole("listitem")).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.getByLabel("Status").selectOption("4xx");
  await expect(requests.getByRole("listitem")).toHaveCount(1);
  await expect(requests).toContainText("code 1002");
  await page.getByLabel("Status").selectOption("2xx");
  // The 4xx row stays on screen until the 2xx page arrives (same path): open the row only once it has gone.
  await expect(requests).not.toContainText("code 1002");
  await requests.getByText("/v4/auth/access-token/issue").click();
  await expect(requests.getByRole("region", { name: "Response body" })).toContainText('"accessToken":"[redacted]"');
  await expect(page.locator("body")).not.toContainText(token);

  await requests.getByRole("link", { name: "Open in debugger" }).click();
  await expect(page).toHaveURL(/\/debugger\?/);
  await expect(page.getByLabel(/^userId/)).toHaveValue("logged");
});

test("a viewer reads the log, and the server refuses the viewer's debugger request", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed debugger") });
  const viewer = createOperatorWithCli({ email: `viewer-debugger-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-5", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${app.appKey}/debugger`);
  await expect(page.getByText("Only admins and owners can send requests.")).toBeVisible();
  const refused = await page.request.post(`/api/console/apps/${app.appKey}/debugger/send`, { data: { path: "/v4/auth/access-token/issue", body: { userId: "x" } } });
  expect(refused.status()).toBe(403);
});
