import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwitchboardClient } from "@switchboard/sdk";
import { ageMessages } from "./support/chat-clients";
import { callApi, callLegacyApi, connectUser, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
let otherApp: TestApp;
const clients: SwitchboardClient[] = [];

const hourMs = 3_600_000;
/** Two hours before the current one, and the one after it: whole hours of the past, whatever the time now. */
const firstHour = Math.floor(Date.now() / hourMs) * hourMs - 2 * hourMs;
const secondHour = firstHour + hourMs;
const hourName = (start: number) => new Date(start).toISOString().slice(0, 13).replace(/\D/g, "");

beforeAll(async () => {
  server = await startTestServer();
  [app, otherApp] = await Promise.all([createTestApp(server, "History"), createTestApp(server, "Other")]);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

/** Sends a text and moves it to `at` (Unix ms), as if it had been sent then. */
async function sendAt(client: SwitchboardClient, to: string, text: string, at: number) {
  const sent = await client.sendDirectMessage({ to, text });
  await ageMessages(server.database, [sent.messageId], sent.sentAt - at);
  return sent.messageId;
}

async function download(date: string, target = app) {
  const { status, body } = await callLegacyApi(server, target, "/message/history.json", { date });
  expect(status).toBe(200);
  expect(body).toEqual({ code: 200, url: expect.stringContaining("/message/history/download?"), date });
  const response = await fetch(body.url as string);
  expect(response.headers.get("content-type")).toBe("application/gzip");
  const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString();
  return { url: body.url as string, lines: text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("hourly history download", () => {
  it("gives each hour's messages of the app, in order, as gzipped JSON Lines", async () => {
    await issueToken(server, app, "bob");
    await issueToken(server, otherApp, "yan");
    const ann = await connectUser(server, app, "ann");
    const stranger = await connectUser(server, otherApp, "zed");
    clients.push(ann, stranger);
    await callApi(server, app, "/v4/group-channel/create", { channelId: "club", name: "Club", owner: "ann", userIds: ["bob"] });

    const early = await sendAt(ann, "bob", "early", firstHour + 5 * 60_000);
    const group = await ann.sendGroupMessage({ groupId: "club", text: "to the club" });
    await ageMessages(server.database, [group.messageId], group.sentAt - (firstHour + 40 * 60_000));
    const late = await sendAt(ann, "bob", "late", secondHour + 60_000);
    await sendAt(stranger, "yan", "not yours", firstHour + 10 * 60_000);

    const first = await download(hourName(firstHour));
    expect(first.lines).toEqual([
      {
        appKey: app.appKey,
        msgUID: early,
        fromUserId: "ann",
        channelType: 1,
        targetId: "bob",
        objectName: "RC:TxtMsg",
        content: { content: "early" },
        sentAt: firstHour + 5 * 60_000,
        dateTime: new Date(firstHour + 5 * 60_000).toISOString(),
      },
      expect.objectContaining({ msgUID: group.messageId, channelType: 3, targetId: "club", content: { content: "to the club" } }),
    ]);
    expect((await download(hourName(secondHour))).lines.map((line) => line.msgUID)).toEqual([late]);
  });

  it("refuses links that were changed or expired, and hours out of range", async () => {
    const { url } = await download(hourName(firstHour));
    const tampered = new URL(url);
    tampered.searchParams.set("date", hourName(secondHour));
    const expired = new URL(url);
    expired.searchParams.set("expires", String(Date.now() - 1000));
    const otherKey = new URL(url);
    otherKey.searchParams.set("app", otherApp.appKey);
    for (const link of [tampered, expired, otherKey]) {
      const response = await fetch(link);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ code: 1009, errorMessage: "This download link is not valid or has expired; ask for a new one with /message/history.json" });
    }

    const refused = [
      { date: "2026-11-24", errorMessage: "date must be an hour as YYYYMMDDHH (UTC), e.g. 2026112409" },
      { date: "2026023015", errorMessage: "date must be an hour as YYYYMMDDHH (UTC), e.g. 2026112409" },
      { date: hourName(firstHour + 5 * hourMs), errorMessage: `${hourName(firstHour + 5 * hourMs)} has not begun yet` },
      { date: hourName(firstHour - 4 * 24 * hourMs), errorMessage: `Only the last 3 days of hours can be downloaded; ${hourName(firstHour - 4 * 24 * hourMs)} is older` },
    ];
    for (const { date, errorMessage } of refused) {
      const { status, body } = await callLegacyApi(server, app, "/message/history.json", { date });
      expect({ date, status, body }).toEqual({ date, status: 400, body: { code: 1002, errorMessage } });
    }
  });
});
