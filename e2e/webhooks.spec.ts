import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createOperatorWithCli } from "./operator";
import { callPlatformApi, connectClient } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

/** The app's server: records the events it receives, and the URLs they came to, and answers 200 "ok". */
async function startReceiver() {
  const bodies: string[] = [];
  const urls: URL[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      bodies.push(body);
      urls.push(new URL(request.url!, "http://receiver"));
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, bodies, urls, close: () => new Promise((resolve) => server.close(resolve)) };
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

test("an admin adds an endpoint, tests it, watches deliveries and redelivers one", async ({ page }) => {
  const receiver = await startReceiver();
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Webhooks") });
  try {
    await page.goto(`/apps/${app.appKey}/webhooks`);
    await expect(page.getByText("No endpoints yet")).toBeVisible();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByLabel("message:send").check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const endpoints = page.getByRole("list", { name: "Endpoints" });
    await expect(endpoints).toContainText(receiver.url);
    await expect(endpoints).toContainText("message:send");

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Test event delivered: HTTP 200 in \d+ ms/ })).toBeVisible();
    expect(JSON.parse(receiver.bodies[0]!)).toMatchObject({ type: "webhook:test", data: [{ appKey: app.appKey }] });

    // The secret the page reveals is the one the event was signed with, and the reveal is audited.
    const secret = page.getByTestId("app-secret");
    await expect(secret).toHaveText(/^•+Hidden$/);
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(secret).toHaveText(app.appSecret);
    const signed = receiver.urls[0]!.searchParams;
    expect(signed.get("signature")).toBe(sha1(`${await secret.textContent()}${signed.get("nonce")}${signed.get("signTimestamp")}`));
    const { entries } = await (await page.request.get(`/api/console/audit?appKey=${app.appKey}`)).json();
    expect(entries[0]).toMatchObject({ action: "app.secret.reveal" });

    expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId: "bob", name: "bob" })).code).toBe(0);
    const ann = await connectClient(app, "ann");
    await ann.sendDirectMessage({ to: "bob", text: "routed" });
    ann.disconnect();

    const deliveries = page.getByRole("list", { name: "Deliveries" });
    await expect(deliveries).toContainText("message:send", { timeout: 15_000 });
    await expect(deliveries).toContainText("delivered");
    await deliveries.getByText("message:send", { exact: true }).click();
    await expect(deliveries.getByRole("list", { name: "Attempts" })).toContainText("HTTP 200");
    const routed = receiver.bodies.find((body) => body.includes("routed"))!;
    await deliveries.getByRole("button", { name: "Redeliver" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Queued for redelivery" })).toBeVisible();
    await expect.poll(() => receiver.bodies.filter((body) => body === routed).length, { timeout: 10_000 }).toBe(2);

    await endpoints.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog", { name: "Remove this endpoint?" }).getByRole("button", { name: "Remove endpoint" }).click();
    await expect(page.getByText("No endpoints yet")).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test("a viewer sees webhooks, and the server refuses the viewer's changes", async ({ page, request }) => {
  await signInThroughApi(request);
  const app = await createAppThroughApi(request, { name: uniqueName("Viewed webhooks") });
  const viewer = createOperatorWithCli({ email: `viewer-webhooks-${Date.now()}@e2e.switchboard.test`, password: "viewer-password-3", role: "viewer" });
  await signInThroughApi(page.request, viewer);
  await page.goto(`/apps/${app.appKey}/webhooks`);
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  await expect(page.getByTestId("app-secret")).toHaveText(/^•+Hidden$/);
  await expect(page.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Copy App Secret" })).toHaveCount(0);
  const refused = await page.request.post(`/api/console/apps/${app.appKey}/webhooks`, { data: { url: "http://127.0.0.1:9/x" } });
  expect(refused.status()).toBe(403);
});
