import { expect, test } from "@playwright/test";
import { callPlatformApi } from "./platform-api";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

// A 1×1 PNG, sent as clients send a thumbnail: bare base64 in the image's `content`.
const thumbnail = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

test("the Messages page and a user's page show each message by its kind, the stored JSON a click away", async ({ page }) => {
  await signInThroughApi(page.request);
  const app = await createAppThroughApi(page.request, { name: uniqueName("Message kinds") });
  for (const userId of ["ann", "bob"]) expect((await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId })).code).toBe(0);
  expect((await callPlatformApi(app, "/v4/group-channel/create", { channelId: "crew", name: "Crew", owner: "ann", userIds: ["bob"] })).code).toBe(0);
  const send = async (messageType: string, content: Record<string, unknown>) => {
    const sent = await callPlatformApi(app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["bob"], messageType, content: JSON.stringify(content) });
    expect(sent.code).toBe(0);
  };
  await send("RC:TxtMsg", { content: "lunch at noon?" });
  await send("RC:ImgMsg", { content: thumbnail, imageUri: "https://files.example/photo.png" });
  await send("RC:FileMsg", { name: "quarterly-report.pdf", size: 1_572_864, type: "pdf", fileUrl: "https://files.example/report.pdf" });
  await send("RC:HQVCMsg", { remoteUrl: "https://files.example/note.aac", duration: 7 });
  await send("RC:SightMsg", { sightUrl: "https://files.example/clip.mp4", content: thumbnail, duration: 65, name: "clip.mp4", size: 2048 });
  await send("RC:LBSMsg", { latitude: 48.8584, longitude: 2.2945, poi: "Eiffel Tower" });
  await send("RC:ReferenceMsg", { content: "yes, noon works", referMsgUserId: "ann", objName: "RC:TxtMsg", referMsg: { content: "lunch at noon?" } });

  await page.goto(`/apps/${app.appKey}/messages`);
  const list = page.getByRole("list", { name: "Messages" });
  await expect(list.getByRole("listitem")).toHaveCount(8);
  const image = list.getByRole("img", { name: "Image thumbnail" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1);
  await expect(list.getByRole("link", { name: "Open image" })).toHaveAttribute("href", "https://files.example/photo.png");
  const file = list.getByRole("listitem").filter({ hasText: "RC:FileMsg" });
  await expect(file).toContainText("quarterly-report.pdf");
  await expect(file).toContainText("1.5 MB · pdf");
  await expect(list.getByRole("listitem").filter({ hasText: "RC:HQVCMsg" })).toContainText("Voice message · 0:07");
  await expect(list.getByRole("listitem").filter({ hasText: "RC:SightMsg" })).toContainText("Video · 1:05 · clip.mp4 · 2.0 KB");
  await expect(list.getByRole("img", { name: "Video thumbnail" })).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: "RC:LBSMsg" })).toContainText("Eiffel Tower 48.85840, 2.29450");
  const quote = list.getByRole("listitem").filter({ hasText: "RC:ReferenceMsg" });
  await expect(quote.getByLabel("Quoted message")).toHaveText("ann: lunch at noon?");
  await expect(quote).toContainText("yes, noon works");
  await expect(list.getByRole("listitem").filter({ hasText: "RC:GrpNtf" })).toContainText("ann created the group “Crew” with bob");

  // One click shows the message as stored.
  await file.getByText("quarterly-report.pdf").click();
  await expect(file.getByLabel("Stored message")).toContainText('"name": "quarterly-report.pdf"');

  // The sender's page lists what they sent, rendered the same way.
  await page.goto(`/apps/${app.appKey}/users/ann`);
  const sent = page.getByRole("list", { name: "Messages sent" });
  await expect(sent.getByRole("listitem")).toHaveCount(8);
  await expect(sent.getByRole("img", { name: "Image thumbnail" })).toBeVisible();
  await expect(sent.getByRole("listitem").filter({ hasText: "RC:FileMsg" })).toContainText("quarterly-report.pdf");
  await page.goto(`/apps/${app.appKey}/users/bob`);
  await expect(page.getByText("No stored message from this user.")).toBeVisible();
});
