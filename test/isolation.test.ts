import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoint } from "../lib/platform-api/endpoint";
import { endpoints } from "../lib/platform-api/endpoints";
import { callEndpoint, requestSchema } from "./support/endpoint-calls";
import { callApi, connectUser, createTestApp, setAppSettings, type TestApp } from "./support/platform-api";
import { backgroundTables, tablesWithAppId } from "./support/schema-models";
import { startTestServer, type TestServer } from "./support/test-server";

// One app's key must never read or change another app's users, channels, messages or
// settings: every endpoint is called with app B's key and app A's ids.
let server: TestServer;
let appA: TestApp;
let appB: TestApp;
let appAId: string;

/** What only app A holds: none of it may appear in an answer to app B. */
const secretsOfA = ["Amy of A", "Ben of A", "Crew of A", "the plan of A", "topic of A"];

beforeAll(async () => {
  server = await startTestServer();
  appA = await createTestApp(server, "App A", "production");
  appB = await createTestApp(server, "App B", "production");
  // B may call every endpoint as often as the test needs.
  const unlimited = Object.fromEntries(endpoints.map((endpoint) => [endpoint.path, 100_000]));
  await setAppSettings(server, appB, { apiRateLimits: unlimited });
  await callApi(server, appA, "/v4/auth/access-token/issue", { userId: "amy", name: "Amy of A" });
  await callApi(server, appA, "/v4/auth/access-token/issue", { userId: "ben", name: "Ben of A" });
  await callApi(server, appA, "/v4/group-channel/create", { channelId: "crew", name: "Crew of A", owner: "amy", userIds: ["amy", "ben"] });
  await callApi(server, appA, "/v4/open-channel/create", { channelId: "lobby" });
  await callApi(server, appA, "/v4/open-channel/metadata/batch/set", { channelId: "lobby", metadataOwnerId: "amy", metadata: { topic: "topic of A" } });
  const amy = await connectUser(server, appA, "amy");
  await amy.sendDirectMessage({ to: "ben", text: "the plan of A" });
  await amy.sendGroupMessage({ groupId: "crew", text: "the plan of A" });
  amy.disconnect();
  const [row] = await server.database.query<{ id: string }>(`SELECT "id" FROM "App" WHERE "key" = $1`, [appA.appKey]);
  appAId = row!.id;
});
afterAll(() => server?.close());

/** A hash of every row app A holds. */
async function rowsOfA(): Promise<string> {
  const hash = createHash("sha256");
  for (const table of tablesWithAppId().filter((name) => !backgroundTables.includes(name))) {
    const rows = await server.database.query(`SELECT * FROM "${table}" WHERE "appId" = $1`, [appAId]);
    hash.update(`${table}:${rows.map((row) => JSON.stringify(row)).sort().join("\n")}\n`);
  }
  return hash.digest("hex");
}

/** The endpoint's required fields, each naming something of app A by what the field is. */
function bodyNamingA(endpoint: Endpoint): Record<string, unknown> {
  const { properties = {}, required = [] } = requestSchema(endpoint);
  return Object.fromEntries(required.map((name) => [name, valueNamingA(name, properties[name]?.type)]));
}

function valueNamingA(field: string, type: string | undefined): unknown {
  const id = /group|channel/i.test(field) ? (/open/i.test(field) ? "lobby" : "crew") : "amy";
  if (type === "array") return /channel|group/i.test(field) ? ["crew", "lobby"] : ["amy", "ben"];
  if (type === "integer" || type === "number") return field === "channelType" ? 1 : 0;
  if (type === "boolean") return false;
  if (type === "object") return {};
  return id;
}

describe("app isolation", () => {
  it("leaves app A's rows untouched and unseen whatever app B calls with A's ids", async () => {
    const before = await rowsOfA();
    const leaks: string[] = [];
    for (const endpoint of endpoints) {
      const answer = await callEndpoint(server, appB, endpoint, bodyNamingA(endpoint));
      const text = JSON.stringify(answer.body);
      for (const secret of secretsOfA) if (text.includes(secret)) leaks.push(`${endpoint.path} answered ${text}`);
      expect(answer.status, `${endpoint.path}: ${text}`).toBeLessThan(500);
    }
    expect(leaks).toEqual([]);
    expect(await rowsOfA()).toBe(before);
  });
});
