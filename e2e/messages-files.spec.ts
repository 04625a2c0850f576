import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { callPlatformApi, issueAccessToken } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

const serverUrl = () => `http://127.0.0.1:${process.env.SWITCHBOARD_E2E_PORT}`;

/** POST /files as a client does, with the user's access token; answers the file's id. */
async function upload(token: string, input: { bytes: Buffer; type: string; name: string }): Promise<string> {
  const response = await fetch(`${serverUrl()}/files?name=${encodeURIComponent(input.name)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": input.type },
    body: new Uint8Array(input.bytes),
  });
  const answer = (await response.json()) as { code: number; result: { fileId: string } };
  expect(answer.code).toBe(0);
  return answer.result.fileId;
}

test("the Messages page shows an uploaded image's thumbnail and an uploaded file's stored name, through signed URLs", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Message files") });
  const token = await issueAccessToken(app, "ann");
  await issueAccessToken(app, "bob");
  const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
  const imageId = await upload(token, { bytes: png, type: "image/png", name: "harbour.png" });
  const pdfId = await upload(token, { bytes: Buffer.from("%PDF-1.4 agenda"), type: "application/pdf", name: "agenda.pdf" });
  const send = async (messageType: string, content: Record<string, unknown>) =>
    expect((await callPlatformApi(app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["bob"], messageType, content: JSON.stringify(content) })).code).toBe(0);
  await send("RC:ImgMsg", { fileId: imageId });
  await send("RC:FileMsg", { fileId: pdfId });

  await page.goto(`/apps/${app.appKey}/messages`);
  const list = page.getByRole("list", { name: "Messages" });
  const image = list.getByRole("img", { name: "Image thumbnail" });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute("src", new RegExp(`^/files/${imageId}/thumbnail\\?expires=\\d+&signature=`));
  // The browser loaded the WebP thumbnail (320 pixels wide) from the signed URL.
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(320);
  await expect(list.getByRole("link", { name: "Open image" })).toHaveAttribute("href", new RegExp(`^/files/${imageId}\\?`));
  const file = list.getByRole("listitem").filter({ hasText: "RC:FileMsg" });
  await expect(file).toContainText("agenda.pdf");
  await expect(file).toContainText("application/pdf");
});
