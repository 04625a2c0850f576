import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwitchboardClient } from "@switchboard/sdk";
import type { Analytics, Overview } from "../components/analytics/analytics-queries";
import { type ConsoleSession, signInToConsole } from "./support/console-session";
import { addWebhookEndpoint, callApi, connectUser, createTestApp, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
let console_: ConsoleSession;
let receiver: Server;
const clients: SwitchboardClient[] = [];

/** A webhook endpoint that takes everything, and one that refuses everything. */
function startReceiver(status: number) {
  const receiverServer = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(status).end());
  });
  return new Promise<Server>((resolve) => receiverServer.listen(0, "127.0.0.1", () => resolve(receiverServer)));
}
const urlOf = (receiverServer: Server) => `http://127.0.0.1:${(receiverServer.address() as AddressInfo).port}/hook`;
let refusing: Server;

beforeAll(async () => {
  // Rolls up and prunes every second.
  server = await startTestServer({ env: { SWITCHBOARD_SWEEP_INTERVAL_SECONDS: "1" } });
  app = await createTestApp(server);
  [receiver, refusing] = await Promise.all([startReceiver(200), startReceiver(500)]);
  for (const each of [receiver, refusing]) await addWebhookEndpoint(server, app, { url: urlOf(each), events: ["message:send"] });
  console_ = await signInToConsole(server);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  await Promise.all([receiver, refusing].map((each) => new Promise((resolve) => each?.close(resolve))));
});

const analyticsPath = () => `/api/console/apps/${app.appKey}/analytics`;
const overview = async () => (await console_.get<Overview>(`${analyticsPath()}/overview`)).body;
const analytics = async (range: string) => (await console_.get<Analytics>(`${analyticsPath()}?range=${range}`)).body;

/** Reads until `check` holds or 15 s pass, and gives the last value read: usage is saved every couple of seconds. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}
const overviewWhen = (check: (figures: Overview) => boolean) => eventually(overview, check);

describe("analytics", () => {
  it("count messages by channel type, active users, connections, API calls and webhook outcomes", async () => {
    const [amy, bob, cal, calDesktop] = await Promise.all([
      connectUser(server, app, "amy"),
      connectUser(server, app, "bob"),
      connectUser(server, app, "cal"),
      connectUser(server, app, "cal", { platform: "desktop" }),
    ]);
    clients.push(amy, bob, cal, calDesktop);
    expect((await callApi(server, app, "/v4/group-channel/create", { channelId: "team", name: "Team", owner: "amy", userIds: ["amy", "bob", "cal"] })).status).toBe(200);
    expect((await callApi(server, app, "/v4/group-channel/create", { channelId: "" })).status).toBe(400);
    for (const text of ["hi", "hello", "hey"]) await amy.sendDirectMessage({ to: "bob", text });
    for (const text of ["all", "of us"]) await bob.sendGroupMessage({ groupId: "team", text });

    // Five sent, and the notice of the group's creation.
    // Messages, active users and connections are saved by separate jobs: wait for all of them.
    const figures = await overviewWhen(
      (now) => now.messagesToday === 6 && now.activeUsersToday === 3 && now.connectedNow === 4 && now.webhookSuccessRateToday !== null && now.webhookSuccessRateToday < 1,
    );
    expect(figures).toMatchObject({ messagesToday: 6, activeUsersToday: 3, connectedNow: 4 });
    expect(figures.apiCallsToday).toBeGreaterThanOrEqual(2);
    expect(figures.apiErrorRateToday).toBeGreaterThan(0);
    // The refusing endpoint fails every attempt, the other takes each event at once.
    expect(figures.webhookSuccessRateToday).toBeGreaterThan(0);
    expect(figures.trends.messages).toHaveLength(14);
    expect(figures.trends.messages.at(-1)!.value).toBe(6);
    expect(figures.trends.peakConnections.at(-1)!.value).toBe(4);

    const day = await analytics("24h");
    expect(day.buckets).toHaveLength(24);
    const thisHour = day.buckets.at(-1)!;
    expect(thisHour.messages).toMatchObject({ direct: 3, group: 3, open: 0 });
    expect(thisHour.latencyMs.p50).toBeGreaterThan(0);
    expect(thisHour.latencyMs.p99).toBeGreaterThanOrEqual(thisHour.latencyMs.p50!);
    expect(day.latencyMs.p50).toBe(thisHour.latencyMs.p50);
    expect(thisHour.peakConnections).toBe(4);
    expect(day.endpoints).toContainEqual({ path: "/v4/group-channel/create", total: 2, "2xx": 1, "4xx": 1, "5xx": 0 });
    expect(day.activeUsers.daily.at(-1)!.count).toBe(3);
    expect(day.activeUsers.monthly.at(-1)!.count).toBe(3);

    const quarter = await analytics("90d");
    expect(quarter.span).toBe("day");
    expect(quarter.buckets).toHaveLength(90);
    expect(quarter.buckets.at(-1)!.messages.direct).toBe(3);
  });

  it("count a user once a day however often they reconnect, and drop a closed connection from 'now'", async () => {
    const before = await overview();
    const again = await connectUser(server, app, "amy");
    again.disconnect();
    clients[0]!.disconnect();
    const after = await overviewWhen((now) => now.connectedNow === before.connectedNow - 1);
    expect(after.connectedNow).toBe(before.connectedNow - 1);
    expect(after.activeUsersToday).toBe(before.activeUsersToday);
    // The reconnect was a fifth connection for a moment: the hour's peak keeps it.
    expect(after.trends.peakConnections.at(-1)!.value).toBe(before.connectedNow + 1);
  });

  it("roll ended days into counts and keep them after their rows are gone", async () => {
    const appId = (await server.database.query<{ id: string }>(`SELECT "id" FROM "App" WHERE "key" = $1`, [app.appKey]))[0]!.id;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const userId of ["old-1", "old-2"]) await server.database.execute(`INSERT INTO "ActiveUser" ("appId", "period", "userId") VALUES ($1, $2, $3)`, [appId, `day:${yesterday}`, userId]);
    const left = async () => (await server.database.query(`SELECT "userId" FROM "ActiveUser" WHERE "period" = $1`, [`day:${yesterday}`])).length;
    expect(await eventually(left, (count) => count === 0)).toBe(0);
    const week = await analytics("7d");
    expect(week.activeUsers.daily.at(-2)).toEqual({ start: `${yesterday}T00:00:00.000Z`, count: 2 });
  });

  it("refuse an unknown range and say which ranges there are", async () => {
    const answer = await console_.get<{ code: number; errorMessage: string }>(`${analyticsPath()}?range=1y`);
    expect(answer.status).toBe(400);
    expect(answer.body.errorMessage).toMatch(/range.*24h.*7d.*30d.*90d/);
  });
});
