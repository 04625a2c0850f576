import { expect, type Locator, type Page, test } from "@playwright/test";
import { appSections } from "../components/console/app-sections";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

// Every console page fits the screen's width; wide tables scroll inside their card.
const screens = [
  { name: "a tablet held upright", width: 768, height: 1024 },
  { name: "a laptop", width: 1280, height: 800 },
];

for (const screen of screens) {
  test(`every console page fits ${screen.name} (${screen.width} px wide)`, async ({ page }) => {
    await page.setViewportSize({ width: screen.width, height: screen.height });
    await signInThroughApi(page.request);
    const app = await createAppThroughApi(page.request, { name: uniqueName("Widths") });
    const paths = ["/apps", "/operators", ...appSections.map((section) => `/apps/${app.appKey}${section.segment ? `/${section.segment}` : ""}`)];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} is ${overflow} px wider than the screen`).toBeLessThanOrEqual(0);
    }
  });
}

/** Presses Tab until `target` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, { maxPresses = 40 } = {}) {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target} was not reached with ${maxPresses} presses of Tab`);
}

test("an operator creates an app and closes a dialog with the keyboard alone", async ({ page }) => {
  await signInThroughApi(page.request);
  const name = uniqueName("Keyboard app");
  await page.goto("/apps");
  await tabTo(page, page.getByRole("button", { name: "Create app" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create app" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("radio", { name: "Development" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByRole("radio", { name: "Production" })).toBeChecked();
  await tabTo(page, dialog.getByRole("button", { name: "Create app" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/apps\/[a-z0-9]{14}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Production");

  await tabTo(page, page.getByRole("button", { name: "Rotate secret" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Rotate the App Secret of ${name}?` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Focus goes back to the button that opened the dialog.
  await expect(page.getByRole("button", { name: "Rotate secret" })).toBeFocused();
});
