import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRequestEntry, ApiRequestPage } from "../lib/contract";
import { type ConsoleSession, signInToConsole } from "./support/console-session";
import { callApi, callLegacyApi, createTestApp, issueToken, signatureHeaders, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// Calls are kept in memory and written to the request log in batches (every second, and at shutdown).
let server: TestServer;
let console_: ConsoleSession;

beforeAll(async () => {
  server = await startTestServer();
  console_ = await signInToConsole(server);
});
afterAll(() => server?.close());

/** Every entry of the app's request log, newest first, page after page as the console reads them. */
async function wholeRequestLog(app: TestApp): Promise<ApiRequestEntry[]> {
  const entries: ApiRequestEntry[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?before=${cursor}` : "";
    const { body }: { body: ApiRequestPage } = await console_.get<ApiRequestPage>(`/api/console/apps/${app.appKey}/requests${query}`);
    entries.push(...body.requests);
    cursor = body.nextCursor;
  } while (cursor);
  return entries;
}

/** The request log once it holds `count` entries (it is written every second). */
async function requestLogOf(app: TestApp, count: number): Promise<ApiRequestEntry[]> {
  for (let tries = 0; tries < 50; tries++) {
    const entries = await wholeRequestLog(app);
    if (entries.length >= count) return entries;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return wholeRequestLog(app);
}

describe("the request log", () => {
  it("records every call of the app once its batch is written: path, status, code and bodies, newest first", async () => {
    const app = await createTestApp(server, "Logged");
    await issueToken(server, app, "ann");
    const made: { path: string; status: number; code: number }[] = [{ path: "/v4/auth/access-token/issue", status: 200, code: 0 }];
    // More calls than a page of the console holds, of every outcome the log keeps.
    for (let index = 0; index < 30; index++) {
      const found = await callApi(server, app, "/v4/user/get", { userId: "ann" });
      const missing = await callApi(server, app, "/v4/user/get", { userId: `nobody${index}` });
      made.push({ path: "/v4/user/get", status: found.status, code: 0 }, { path: "/v4/user/get", status: missing.status, code: 1010 });
    }
    const refused = await callApi(server, app, "/v4/user/get", { userId: "ann" }, { headers: signatureHeaders(app, { secret: "wrong" }) });
    const legacy = await callLegacyApi(server, app, "/user/info.json", { userId: "ann" });
    made.push({ path: "/v4/user/get", status: refused.status, code: 1004 }, { path: "/user/info.json", status: legacy.status, code: 200 });
    expect(made.map((call) => call.status)).toEqual([200, ...Array.from({ length: 30 }, () => [200, 404]).flat(), 401, 200]);

    const entries = await requestLogOf(app, made.length);
    expect(entries.map(({ path, status, code }) => ({ path, status, code }))).toEqual([...made].reverse());
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(made.length);
    const times = entries.map((entry) => Date.parse(entry.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(entries.at(-2)).toMatchObject({ method: "POST", callerIp: "127.0.0.1", requestBody: '{"userId":"ann"}', responseBody: expect.stringContaining('"name":"ann"') });
  });

  it("keeps no call of another app", async () => {
    const quiet = await createTestApp(server, "Quiet");
    const busy = await createTestApp(server, "Busy");
    await callApi(server, busy, "/v4/user/get", { userId: "nobody" });
    expect(await requestLogOf(busy, 1)).toHaveLength(1);
    expect(await wholeRequestLog(quiet)).toEqual([]);
  });
});

describe("shutdown", () => {
  it("writes the calls answered just before SIGTERM, still in memory, to the request log", async () => {
    const own = await startTestServer();
    try {
      const app = await createTestApp(own, "Stopping");
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++) statuses.push((await callApi(own, app, "/v4/user/get", { userId: `nobody${index}` })).status);
      expect(statuses).toEqual(Array.from({ length: 20 }, () => 404));
      expect(await own.stop()).toBe(0);
      const rows = await own.database.query<{ path: string; status: number }>(
        `SELECT "path", "status" FROM "ApiRequest" WHERE "appId" = (SELECT "id" FROM "App" WHERE "key" = $1)`,
        [app.appKey],
      );
      expect(rows.map(({ path, status }) => ({ path, status: Number(status) }))).toEqual(Array.from({ length: 20 }, () => ({ path: "/v4/user/get", status: 404 })));
    } finally {
      await own.close();
    }
  });
});
