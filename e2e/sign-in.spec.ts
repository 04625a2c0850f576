import { expect, test } from "@playwright/test";
import { admin } from "./operator";

test.describe("signed out", () => {
  test("a visit to /apps is sent to the sign-in page", async ({ page }) => {
    await page.goto("/apps");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  });

  test("a visit to an app's page is sent to the sign-in page", async ({ page }) => {
    await page.goto("/apps/anykey");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("the home page sends the visitor to sign in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test("a wrong password is refused with a message and nothing else happens", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue(admin.email);
});

test("an operator signs in through the form, reaches the apps, and signs out", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole("heading", { level: 1, name: "Apps" })).toBeVisible();
  await expect(page.getByText(admin.email)).toBeVisible();

  await page.goto("/");
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/sign-in");
  await expect(page).toHaveURL(/\/apps$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("after five failed sign-ins to one account the form says to wait, whatever the password", async ({ page }) => {
  const email = `guess-${Date.now()}@example.com`;
  await page.goto("/sign-in");
  const alert = page.locator("form").getByRole("alert");
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`guess-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText("The email or password is incorrect.");
    // The next attempt must be told apart from this one's message.
    await page.reload();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("guess-5");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText("Too many failed sign-ins from this address. Wait up to 15 minutes, then try again.");
});
