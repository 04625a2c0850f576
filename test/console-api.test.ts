import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, type ConsoleSession, signInToConsole } from "./support/console-session";
import { callApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { tablesWithAppId } from "./support/schema-models";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let console_: ConsoleSession;

beforeAll(async () => {
  server = await startTestServer();
  console_ = await signInToConsole(server);
});
afterAll(() => server?.close());

type Row = { messageId: string; senderId: string; sentAt: string };
type Page = { messages: Row[]; nextCursor: string | null };

/** Every page of a console message search, following the cursor. */
async function allPages(app: TestApp, filters: Record<string, string> = {}) {
  const pages: Page[] = [];
  let before: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ ...filters, ...(before && { before }) });
    const answer: { status: number; body: Page } = await console_.get<Page>(`/api/console/apps/${app.appKey}/messages?${query}`);
    expect(answer.status).toBe(200);
    pages.push(answer.body);
    before = answer.body.nextCursor;
  } while (before);
  return pages;
}

describe("console message search", () => {
  it("pages through every match once, newest first, when many messages share a millisecond", async () => {
    const app = await createTestApp(server);
    const recipients = Array.from({ length: 40 }, (_, index) => `user-${index}`);
    for (const userId of [...recipients, "ann", "ben"]) await issueToken(server, app, userId);
    // One call stores a message per recipient, most of them in the same millisecond.
    const sent: string[] = [];
    for (let round = 0; round < 15; round++) {
      for (const fromUserId of ["ann", "ben"]) {
        const answer = await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId, toUserIds: recipients, messageType: "RC:TxtMsg", content: JSON.stringify({ content: `round ${round}` }) });
        expect(answer.status).toBe(200);
        sent.push(...(answer.body.result as { messageIds: { messageId: string }[] }).messageIds.map((message) => message.messageId));
      }
    }

    const pages = await allPages(app);
    const listed = pages.flatMap((page) => page.messages);
    expect(pages).toHaveLength(Math.ceil(sent.length / 50));
    expect(new Set(listed.map((row) => row.messageId)).size).toBe(sent.length);
    expect(listed.map((row) => row.messageId).sort()).toEqual([...sent].sort());
    const order = listed.map((row) => [Date.parse(row.sentAt), row.messageId] as const);
    for (let index = 1; index < order.length; index++) {
      const [previousTime, previousId] = order[index - 1]!;
      const [time, id] = order[index]!;
      expect(previousTime > time || (previousTime === time && previousId > id)).toBe(true);
    }

    const bens = (await allPages(app, { senderId: "ben" })).flatMap((page) => page.messages);
    expect(bens).toHaveLength(sent.length / 2);
    expect(bens.every((row) => row.senderId === "ben")).toBe(true);
  });

  it("refuses an unbounded text search and says how to bound it", async () => {
    const app = await createTestApp(server);
    const answer = await console_.get<{ errorMessage: string }>(`/api/console/apps/${app.appKey}/messages?text=hello`);
    expect(answer.status).toBe(400);
    expect(answer.body.errorMessage).toMatch(/channel, a sender, a recipient or a time range/);
  });
});

describe("console security", () => {
  type Settings = { settings: { clientMessagesPerSecond: number } };
  const rate = async (app: TestApp) => (await console_.get<Settings>(`/api/console/apps/${app.appKey}/settings`)).body.settings.clientMessagesPerSecond;

  it("refuses a change a browser sends from another site, and changes nothing", async () => {
    const app = await createTestApp(server);
    const settingsPath = `/api/console/apps/${app.appKey}/settings`;
    const crossSite: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "https://evil.example" }, { origin: "null" }];
    for (const headers of crossSite) {
      const refused = await console_.send("PATCH", settingsPath, { clientMessagesPerSecond: 50 }, headers);
      expect(refused).toEqual({ status: 403, body: { code: 1009, errorMessage: "Console changes are accepted only from the console's own pages (cross-site request refused)" } });
    }
    expect(await rate(app)).toBe(5);

    const sameOrigin = await console_.send("PATCH", settingsPath, { clientMessagesPerSecond: 50 }, { "sec-fetch-site": "same-origin", origin: server.url });
    expect(sameOrigin.status).toBe(200);
    expect(await rate(app)).toBe(50);
  });

  it("stops a caller after 5 failed sign-ins to one account, whatever the password next, and lets others in", async () => {
    // Failures are counted on the bus, which on Redis outlives this server: a new account per run.
    const email = `guessed-${randomUUID()}@example.com`;
    const invited = await console_.send<{ password: string }>("POST", "/api/console/operators", { email, role: "viewer" });
    expect(invited.status).toBe(201);
    const guessed = { email, password: invited.body.password };
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await attemptSignIn(server, { ...guessed, password: `guess-${attempt}` })).error).toBe("CredentialsSignin");
    }
    expect(await attemptSignIn(server, guessed)).toEqual({ session: null, error: "TooManySignIns" });
    expect((await attemptSignIn(server, { email: "owner@example.com", password: "owner-password" })).session).not.toBeNull();
  });
});

describe("deleting an app", () => {
  it("removes every row the app holds, leaves other apps alone, and keeps the audit entry", async () => {
    const created = await console_.send<{ app: { appKey: string; appSecret: string; name: string } }>("POST", "/api/console/apps", { name: "Doomed", environment: "development" });
    expect(created.status).toBe(201);
    const doomed = created.body.app;
    const survivor = await createTestApp(server, "Survivor");
    for (const app of [doomed, survivor]) {
      for (const userId of ["ann", "ben"]) await issueToken(server, app, userId);
      await callApi(server, app, "/v4/group-channel/create", { channelId: "team", name: "Team", owner: "ann", userIds: ["ann", "ben"] });
      await callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: '{"content":"hi"}' });
    }
    const appIds = Object.fromEntries(
      (await server.database.query<{ id: string; key: string }>(`SELECT "id", "key" FROM "App" WHERE "key" IN ($1, $2)`, [doomed.appKey, survivor.appKey])).map((row) => [row.key, row.id]),
    );
    const rowsOf = async (appId: string) => {
      const counts: Record<string, number> = {};
      for (const table of tablesWithAppId()) counts[table] = Number((await server.database.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "${table}" WHERE "appId" = $1`, [appId]))[0]!.count);
      return counts;
    };
    expect(tablesWithAppId()).toEqual(expect.arrayContaining(["User", "Channel", "Message", "ApiRequest", "UsageCount", "ActiveUser"]));
    const survivorBefore = await rowsOf(appIds[survivor.appKey]!);
    expect((await rowsOf(appIds[doomed.appKey]!)).Message).toBeGreaterThan(0);

    const wrongName = await console_.send<{ errorMessage: string }>("DELETE", `/api/console/apps/${doomed.appKey}`, { confirmName: "doomed" });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.errorMessage).toContain("Doomed");
    // A call just before the deletion leaves its usage count in memory, to be saved after the app is gone.
    await callApi(server, doomed, "/v4/user/get", { userId: "ann" });
    expect((await console_.send("DELETE", `/api/console/apps/${doomed.appKey}`, { confirmName: "Doomed" })).status).toBe(200);

    expect(Object.values(await rowsOf(appIds[doomed.appKey]!)).every((count) => count === 0)).toBe(true);
    const survivorAfter = await rowsOf(appIds[survivor.appKey]!);
    expect({ ...survivorAfter, ApiRequest: 0, UsageCount: 0 }).toEqual({ ...survivorBefore, ApiRequest: 0, UsageCount: 0 });
    expect((await callApi(server, doomed, "/v4/user/profile/batch/get", { userIds: ["ann"] })).status).toBe(401);
    // The deleted app's counts in memory do not keep the other apps' from being saved (every 2 s).
    expect((await callApi(server, survivor, "/v4/user/get", { userId: "ann" })).status).toBe(200);
    const survivorCount = () => server.database.query(`SELECT "count" FROM "UsageCount" WHERE "appId" = $1 AND "span" = 'day' AND "name" = 'api.200./v4/user/get'`, [appIds[survivor.appKey]]);
    for (let tries = 0; tries < 50 && (await survivorCount()).length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await survivorCount()).toHaveLength(1);
    const audit = await console_.get<{ entries: { action: string; appKey: string | null }[] }>("/api/console/audit");
    expect(audit.body.entries).toContainEqual(expect.objectContaining({ action: "app.delete", appKey: doomed.appKey }));
  });
});
