import { expect, test } from "@playwright/test";
import { appSections } from "../components/console/app-sections";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

// A tablet held upright: every console page fits its width; wide tables scroll inside their card.
test.use({ viewport: { width: 768, height: 1024 } });

test("every console page fits a tablet's width", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Tablet") });
  const paths = ["/apps", "/operators", ...appSections.map((section) => `/apps/${app.appKey}${section.segment ? `/${section.segment}` : ""}`)];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} is ${overflow} px wider than the screen`).toBeLessThanOrEqual(0);
  }
});
