import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoint } from "../lib/platform-api/endpoint";
import { endpoints } from "../lib/platform-api/endpoints";
import { callEndpoint, declaredFields, requestSchema } from "./support/endpoint-calls";
import { jsonText, NestedJson } from "./support/nested-json";
import { callApi, createTestApp, setAppSettings, type TestApp } from "./support/platform-api";
import { backgroundTables, modelNames } from "./support/schema-models";
import { startTestServer, type TestServer } from "./support/test-server";

// Property-based: random and malformed bodies to every Platform API endpoint. The answer is
// always the contract's error shape with a 4xx (or a success), never a 5xx; when every
// answer of an endpoint was a refusal, the database is as it was.
const inputsPerEndpoint = Number(process.env.SWITCHBOARD_FUZZ_INPUTS ?? 8);

let server: TestServer;
let app: TestApp;
const tried = { inputs: 0, refused: 0, serverErrors: 0 };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server, "Fuzzed", "production");
  // The default limits (100 calls a second) would answer most of the inputs with 429.
  const unlimited = Object.fromEntries(endpoints.map((endpoint) => [endpoint.path, 100_000]));
  await setAppSettings(server, app, { apiRateLimits: unlimited });
  // Something to act on: users, a group, an open channel.
  for (const userId of ["u1", "u2", "u3"]) await callApi(server, app, "/v4/auth/access-token/issue", { userId, name: userId });
  await callApi(server, app, "/v4/group-channel/create", { channelId: "g1", name: "G1", owner: "u1", userIds: ["u1", "u2"] });
  await callApi(server, app, "/v4/open-channel/create", { channelId: "o1" });
});
afterAll(async () => {
  await server?.close();
  console.log(`Platform API fuzzing: ${tried.inputs} inputs to ${endpoints.length} endpoints, ${tried.refused} refused, ${tried.serverErrors} answered 5xx`);
});

/** Values a field plausibly takes, naming what the database holds: most fields get one, so a wild value elsewhere reaches deep. */
const plausibleValue = fc.constantFrom<unknown>("u1", "u2", "g1", "o1", ["u1", "u2"], ["g1"], 1, 3, 10, "RC:TxtMsg", '{"content":"hi"}', true);
/** Arrays nested 1 to `maxDepth` levels deep. */
function nestedJson(maxDepth: number) {
  return fc.integer({ min: 1, max: maxDepth }).map((depth) => new NestedJson(depth));
}

/** Values of wrong types and shapes, and text no column should take. */
const wildValue = fc.oneof(
  fc.constantFrom<unknown>("", " ", "nobody", "a".repeat(300), "u\u0000", -1, 2 ** 53, null, {}, [[]]),
  fc.array(fc.constantFrom("u1", "nobody", ""), { maxLength: 4 }),
  fc.integer({ min: -2, max: 2 ** 40 }),
  fc.jsonValue({ maxDepth: 2 }),
  // Deep rather than large: arrays nested up to 200,000 levels (400 KB), and as JSON text (content).
  nestedJson(200_000),
  nestedJson(60_000).map((nested) => nested.text),
  fc.string({ maxLength: 40 }),
  // Any code point: NUL, which PostgreSQL text refuses, lone surrogates, emoji.
  fc.string({ unit: "binary", maxLength: 20 }),
);
const fieldValue = fc.oneof({ weight: 3, arbitrary: plausibleValue }, { weight: 2, arbitrary: wildValue });


/** A body from the endpoint's declared fields (each there or not, of any type), or any JSON at all. */
function bodyFor(endpoint: Endpoint) {
  const fields = declaredFields(endpoint);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record(Object.fromEntries(fields.map((name) => [name, fieldValue])), { requiredKeys: [] }) as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }), nestedJson(200_000)) },
  );
}

/**
 * Besides the random bodies, each declared field in turn holds a NUL character while the
 * others hold plausible values: a text PostgreSQL cannot store must be refused, not fail.
 */
function nulProbes(endpoint: Endpoint): unknown[] {
  const plausible = Object.fromEntries((requestSchema(endpoint).required ?? []).map((name) => [name, name.endsWith("s") ? ["u1", "u2"] : "u1"]));
  return declaredFields(endpoint).map((name) => ({ ...plausible, [name]: "u\u0000" }));
}

/** Every table but those that count or log calls, refused ones included, by design. */
const watchedTables = modelNames().filter((name) => !backgroundTables.includes(name));

async function databaseFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const table of watchedTables) {
    const rows = (await server.database.query(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}:${rows.join("\n")}\n`);
  }
  return hash.digest("hex");
}

describe("every Platform API endpoint, given random and malformed bodies", () => {
  it.each(endpoints.map((endpoint) => [endpoint.path, endpoint] as const))("%s answers each with a documented error or a success, never a 5xx", async (_, endpoint) => {
    const before = await databaseFingerprint();
    let allRefused = true;
    const check = async (body: unknown) => {
      const answer = await callEndpoint(server, app, endpoint, body);
      tried.inputs++;
      if (answer.status >= 500) tried.serverErrors++;
      expect(answer.status, jsonText({ body, answer }).slice(0, 2000)).toBeLessThan(500);
      if (answer.status === 200) {
        allRefused = false;
        return;
      }
      tried.refused++;
      expect(answer.body).toEqual({ code: expect.any(Number), errorMessage: expect.stringMatching(/\S/) });
    };
    for (const body of nulProbes(endpoint)) await check(body);
    await fc.assert(fc.asyncProperty(bodyFor(endpoint), check), { numRuns: inputsPerEndpoint });
    if (allRefused) expect(await databaseFingerprint(), "a refused request changed the database").toBe(before);
  });
});
