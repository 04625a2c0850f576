import { expect, request as playwrightRequest, test } from "@playwright/test";
import { signInThroughApi } from "./session";

test("an owner invites an operator, changes the role, and removes them; all in the audit log", async ({ page, baseURL }) => {
  await signInThroughApi(page.request);
  const email = `invitee-${Date.now().toString(36)}@e2e.switchboard.test`;
  await page.goto("/operators");
  await page.getByRole("button", { name: "Invite operator" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite an operator" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByRole("button", { name: "Invite" }).click();
  const password = (await page.getByTestId("invited-password").innerText()).trim();
  await page.getByRole("button", { name: "Done" }).click();

  // The invitee signs in with the password and, as a viewer, can read but not change.
  const invitee = await playwrightRequest.newContext({ baseURL });
  await signInThroughApi(invitee, { email, password });
  expect((await invitee.get("/api/console/apps")).status()).toBe(200);
  expect((await invitee.post("/api/console/apps", { data: { name: "Nope", environment: "development" } })).status()).toBe(403);

  await page.getByLabel(`Role of ${email}`).selectOption("admin");
  await expect(page.getByRole("status").filter({ hasText: `${email} is now admin` })).toBeVisible();
  // Admins run apps, not operators.
  const refused = await invitee.post("/api/console/operators", { data: { email: "other@e2e.switchboard.test", role: "owner" } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ code: 1009, errorMessage: "Only an owner can do this" });

  const row = page.getByRole("list", { name: "Operators" }).getByRole("listitem").filter({ hasText: email });
  await row.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: `Remove ${email}?` }).getByRole("button", { name: "Remove operator" }).click();
  await expect(page.getByRole("list", { name: "Operators" })).not.toContainText(email);
  expect((await invitee.get("/api/console/apps")).status()).toBe(401);

  const audit = page.getByRole("list", { name: "Audit log" });
  await page.reload();
  await expect(audit.getByRole("listitem").nth(0)).toContainText("operator.remove");
  await expect(audit.getByRole("listitem").nth(1)).toContainText("operator.role");
  await expect(audit.getByRole("listitem").nth(2)).toContainText("operator.invite");
  await expect(audit).not.toContainText(password);
  await invitee.dispose();
});
