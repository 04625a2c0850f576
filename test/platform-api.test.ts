import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInToConsole } from "./support/console-session";
import { callApi, createTestApp, newNonce, requestSignatureHeaders, setAppSettings, signatureHeaders, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
let otherApp: TestApp;
const issuePath = "/v4/auth/access-token/issue";

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  otherApp = await createTestApp(server, "Other app");
});
afterAll(() => server?.close());

async function userRows(userId: string) {
  return server.database.query(`SELECT "id", "name", "avatarUrl" FROM "User" WHERE "id" = $1`, [userId]);
}

describe("POST /v4/auth/access-token/issue", () => {
  it("registers a user and answers the v4 envelope with an access token", async () => {
    const { status, body } = await callApi(server, app, issuePath, { userId: "alice", name: "Alice", avatarUrl: "https://a.example/a.png" });
    expect(status).toBe(200);
    expect(body).toEqual({ code: 0, result: { userId: "alice", accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+$/) } });
    expect(await userRows("alice")).toEqual([{ id: "alice", name: "Alice", avatarUrl: "https://a.example/a.png" }]);
  });

  it("updates the name and avatar of a known user and issues a new token", async () => {
    const first = await callApi(server, app, issuePath, { userId: "carol", name: "Carol" });
    const second = await callApi(server, app, issuePath, { userId: "carol", name: "Caroline", avatarUrl: "https://a.example/c.png" });
    expect(second.status).toBe(200);
    expect(second.body.result).not.toEqual(first.body.result);
    expect(await userRows("carol")).toEqual([{ id: "carol", name: "Caroline", avatarUrl: "https://a.example/c.png" }]);
  });
});

describe("signature check", () => {
  const twice = (headers: Record<string, string>, name: string) => ({ ...headers, [name]: `${headers[name]}, ${headers[name]}` });
  const rejected = (errorMessage: string) => ({ status: 401, body: { code: 1004, errorMessage } });
  const cases: { name: string; headers: () => Record<string, string | null>; expected: ReturnType<typeof rejected> }[] = [
    { name: "missing App-Key", headers: () => ({ "App-Key": null }), expected: rejected("Missing header App-Key") },
    { name: "missing Nonce", headers: () => ({ Nonce: null }), expected: rejected("Missing header Nonce") },
    { name: "missing Timestamp", headers: () => ({ Timestamp: null }), expected: rejected("Missing header Timestamp") },
    { name: "missing Signature", headers: () => ({ Signature: null }), expected: rejected("Missing header Signature") },
    {
      name: "nonce longer than 18 characters",
      headers: () => signatureHeaders(app, { nonce: "n".repeat(19) }),
      expected: rejected("Nonce must be at most 18 characters"),
    },
    {
      name: "timestamp 6 minutes old",
      headers: () => signatureHeaders(app, { timestamp: String(Date.now() - 6 * 60_000) }),
      expected: rejected("Timestamp is more than 5 minutes away from the server's time"),
    },
    {
      name: "timestamp 6 minutes ahead",
      headers: () => signatureHeaders(app, { timestamp: String(Date.now() + 6 * 60_000) }),
      expected: rejected("Timestamp is more than 5 minutes away from the server's time"),
    },
    {
      name: "timestamp in seconds, not milliseconds",
      headers: () => signatureHeaders(app, { timestamp: String(Math.floor(Date.now() / 1000)) }),
      expected: rejected("Timestamp is more than 5 minutes away from the server's time"),
    },
    {
      name: "signature made with a wrong secret",
      headers: () => signatureHeaders(app, { secret: "not-the-secret" }),
      expected: rejected("Signature does not match: expected hex SHA1 of AppSecret + Nonce + Timestamp"),
    },
    {
      name: "signature made with another app's secret",
      headers: () => signatureHeaders(app, { secret: otherApp.appSecret }),
      expected: rejected("Signature does not match: expected hex SHA1 of AppSecret + Nonce + Timestamp"),
    },
    {
      name: "signature that is not hex SHA1",
      headers: () => ({ Signature: "abc" }),
      expected: rejected("Signature must be 40 hexadecimal characters (SHA1)"),
    },
    { name: "unknown App-Key", headers: () => ({ "App-Key": "nosuchappkey00" }), expected: rejected("Unknown App-Key") },
    // A header sent twice reaches the server as one value, the two joined by ", ".
    {
      name: "the Signature header twice",
      headers: () => twice(signatureHeaders(app), "Signature"),
      expected: rejected("Signature must be 40 hexadecimal characters (SHA1)"),
    },
    {
      name: "the Nonce header twice",
      headers: () => twice(signatureHeaders(app, { nonce: "short" }), "Nonce"),
      expected: rejected("Signature does not match: expected hex SHA1 of AppSecret + Nonce + Timestamp"),
    },
    {
      name: "the Timestamp header twice",
      headers: () => twice(signatureHeaders(app), "Timestamp"),
      expected: rejected("Timestamp must be Unix time in milliseconds"),
    },
  ];

  it.each(cases)("refuses a request with $name and registers no one", async ({ headers, expected }) => {
    const userId = `u${newNonce().replace(/[^A-Za-z0-9]/g, "")}`;
    const response = await callApi(server, app, issuePath, { userId, name: "X" }, { headers: headers() });
    expect(response).toEqual(expected);
    expect(await userRows(userId)).toEqual([]);
  });

  it("refuses a nonce used before, and a refused signature does not use up the nonce", async () => {
    const nonce = newNonce();
    const forged = await callApi(server, app, issuePath, { userId: "dave", name: "Dave" }, { headers: signatureHeaders(app, { nonce, secret: "x" }) });
    expect(forged.status).toBe(401);
    const first = await callApi(server, app, issuePath, { userId: "dave", name: "Dave" }, { headers: signatureHeaders(app, { nonce }) });
    expect(first.status).toBe(200);
    const replay = await callApi(server, app, issuePath, { userId: "dave", name: "Dave" }, { headers: signatureHeaders(app, { nonce }) });
    expect(replay).toEqual(rejected("Nonce was used already; use a new one for every request"));
  });

  it("accepts upper-case hex signatures", async () => {
    const headers = signatureHeaders(app);
    const response = await callApi(server, app, issuePath, { userId: "erin", name: "Erin" }, { headers: { ...headers, Signature: headers.Signature.toUpperCase() } });
    expect(response.status).toBe(200);
  });

  it("verifies the previous secret during a rotation's grace period only", async () => {
    const rotatingApp = await createTestApp(server, "Rotating");
    const withGrace = await server.cli(["apps", "rotate-secret", "--app", rotatingApp.appKey, "--grace-hours", "1", "--json"]);
    const rotated = JSON.parse(withGrace.stdout) as TestApp;
    expect(rotated.appSecret).not.toBe(rotatingApp.appSecret);
    const body = { userId: "frank", name: "Frank" };
    expect((await callApi(server, rotatingApp, issuePath, body)).status).toBe(200);
    expect((await callApi(server, rotated, issuePath, body)).status).toBe(200);

    const noGrace = JSON.parse((await server.cli(["apps", "rotate-secret", "--app", rotatingApp.appKey, "--grace-hours", "0", "--json"])).stdout) as TestApp;
    // The CLI is another process: the server notices within its app cache's 2 s lifetime.
    await expect.poll(async () => (await callApi(server, rotated, issuePath, body)).status, { timeout: 5000 }).toBe(401);
    expect((await callApi(server, noGrace, issuePath, body)).status).toBe(200);
  });
});

describe("signature version 2", () => {
  const twice = (headers: Record<string, string>, name: string) => ({ ...headers, [name]: `${headers[name]}, ${headers[name]}` });
  const rejected = (errorMessage: string) => ({ status: 401, body: { code: 1004, errorMessage } });
  const signedCall = (target: TestApp, body: string, sentBody = body) =>
    callApi(server, target, issuePath, null, { rawBody: sentBody, headers: requestSignatureHeaders(target, { path: issuePath, body }) });

  it("accepts an HMAC-SHA256 over the request, and refuses it when the body was changed on the way", async () => {
    expect((await signedCall(app, JSON.stringify({ userId: "hana", name: "Hana" }))).status).toBe(200);
    const tampered = await signedCall(app, JSON.stringify({ userId: "ivy", name: "Ivy" }), JSON.stringify({ userId: "ivy", name: "Mallory" }));
    expect(tampered).toEqual(
      rejected("Signature does not match: expected hex HMAC-SHA256, keyed with the App Secret, of Timestamp, Nonce, method, path and the hex SHA-256 of the body, joined by newlines"),
    );
    expect(await userRows("ivy")).toEqual([]);
  });

  it("is the only one an app that requires it accepts", async () => {
    const strictApp = await createTestApp(server, "Strict signatures");
    await setAppSettings(server, strictApp, { requireRequestSignature: true });
    const refusal = rejected("This app accepts only Signature-Version: 2 (HMAC-SHA256 over the request and its body); see README, Platform API signatures");
    const body = { userId: "jon", name: "Jon" };
    expect(await callApi(server, strictApp, issuePath, body)).toEqual(refusal);
    expect(await userRows("jon")).toEqual([]);
    expect((await signedCall(strictApp, JSON.stringify(body))).status).toBe(200);
  });
});

describe("bad bodies", () => {
  it.each([
    { name: "malformed JSON", rawBody: "{userId:", expected: { code: 1003, errorMessage: "The body is not valid JSON" }, status: 400 },
    { name: "a missing field", rawBody: JSON.stringify({ userId: "x" }), expected: { code: 1002, errorMessage: "name: Invalid input: expected string, received undefined" }, status: 400 },
    { name: "a field of the wrong type", rawBody: JSON.stringify({ userId: 42, name: "x" }), expected: { code: 1002, errorMessage: "userId: Invalid input: expected string, received number" }, status: 400 },
    {
      name: "a user id with forbidden characters",
      rawBody: JSON.stringify({ userId: "a b", name: "x" }),
      expected: { code: 1002, errorMessage: "userId must be 1 to 64 characters of letters, digits and _ - = + @ ." },
      status: 400,
    },
    { name: "an empty name", rawBody: JSON.stringify({ userId: "x", name: "" }), expected: { code: 1002, errorMessage: "name must be 1 to 64 characters" }, status: 400 },
    {
      // PostgreSQL text cannot hold it: refused on every database alike, before anything is stored.
      name: "a NUL character in a text",
      rawBody: JSON.stringify({ userId: "nul", name: "a\u0000b" }),
      expected: { code: 1002, errorMessage: "name holds the NUL character (\\u0000), which no text may contain" },
      status: 400,
    },
    { name: "a body over 512 KB", rawBody: JSON.stringify({ userId: "x", name: "x".repeat(600 * 1024) }), expected: { code: 1005, errorMessage: "Request body exceeds 512 KB" }, status: 413 },
  ])("answers $name with a clear error", async ({ rawBody, expected, status }) => {
    const response = await callApi(server, app, issuePath, null, { rawBody });
    expect(response).toEqual({ status, body: expected });
  });

  it("refuses a form body on a JSON endpoint", async () => {
    const response = await callApi(server, app, issuePath, null, { rawBody: "userId=x&name=x", contentType: "application/x-www-form-urlencoded" });
    expect(response).toEqual({ status: 400, body: { code: 1003, errorMessage: "This endpoint takes a JSON body (Content-Type: application/json)" } });
  });

  it("answers unknown /v4 paths in the contract's error shape", async () => {
    const response = await callApi(server, app, "/v4/no/such/endpoint", {});
    expect(response).toEqual({ status: 404, body: { code: 1010, errorMessage: "No Platform API endpoint at /v4/no/such/endpoint" } });
  });

  it("answers another method than POST on an endpoint's path in the error shape, naming the method it takes", async () => {
    const response = await fetch(`${server.url}/v4/user/get?userId=x`, { headers: signatureHeaders(app) });
    expect({ status: response.status, allow: response.headers.get("allow"), body: await response.json() }).toEqual({
      status: 405,
      allow: "POST",
      body: { code: 1010, errorMessage: "/v4/user/get takes POST requests" },
    });
  });

  it("leaves the OpenAPI document to the console's server, which answers it as JSON", async () => {
    const response = await fetch(`${server.url}/v4/openapi.json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty("/v4/user/get");
  });
});

describe("rate limits", () => {
  it("answer 429 beyond an endpoint's limit per second, for that app only", async () => {
    const busy = await createTestApp(server, "Busy");
    await callApi(server, busy, issuePath, { userId: "rita", name: "Rita" });
    // Tag setting takes 10 a second: 60 at once exceed it however slowly this machine answers.
    const answers = await Promise.all(Array.from({ length: 60 }, () => callApi(server, busy, "/v4/user/tag/batch/set", { userIds: ["rita"], tags: ["a"] })));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toEqual({ code: 1008, errorMessage: "/v4/user/tag/batch/set takes at most 10 calls per second per app: retry in 1 s" });
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((answer) => answer.status !== 200 && answer.status !== 429)).toEqual([]);
    expect((await callApi(server, otherApp, issuePath, { userId: "sid", name: "Sid" })).status).toBe(200);
  });

  it("count in the contract's windows, by what it counts: a burst within a minute's budget passes whole", async () => {
    const bursting = await createTestApp(server, "Bursting");
    for (const userId of ["ops", "u0", "u1", "u2", "u3"]) await callApi(server, bursting, issuePath, { userId, name: userId });
    // Direct sends take 6,000 recipients a minute: 200 sends at once, to one user each, are all taken.
    const sends = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        callApi(server, bursting, "/v4/direct-channel/message/send", { fromUserId: "ops", toUserIds: [`u${index % 4}`], messageType: "RC:TxtMsg", content: JSON.stringify({ content: "hi" }) }),
      ),
    );
    expect(sends.map((answer) => answer.status)).toEqual(Array(200).fill(200));
  });

  it("refuse a call beyond a window's budget, saying the limit, the window and when to retry, and count nothing refused", async () => {
    const broadcasting = await createTestApp(server, "Broadcasting");
    const broadcast = () => {
      const body = JSON.stringify({ fromUserId: "ops", messageType: "RC:TxtMsg", content: JSON.stringify({ content: "news" }) });
      return fetch(`${server.url}/v4/system-channel/message/broadcast-all`, { method: "POST", headers: { "content-type": "application/json", ...signatureHeaders(broadcasting) }, body });
    };
    expect((await broadcast()).status).toBe(200);
    expect((await broadcast()).status).toBe(200);
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await broadcast();
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      const minutesLeftInHour = 60 - new Date().getUTCMinutes();
      expect(retryAfter).toBeGreaterThan((minutesLeftInHour - 1) * 60 - 5);
      expect(retryAfter).toBeLessThanOrEqual(minutesLeftInHour * 60);
      expect(await refused.json()).toEqual({ code: 1008, errorMessage: `/v4/system-channel/message/broadcast-all takes at most 2 calls per hour per app: retry in ${retryAfter} s` });
    }
    // The day's budget of 3 is untouched by the refusals: the app's own limit per second, once set, replaces the contract's.
    await setAppSettings(server, broadcasting, { apiRateLimits: { "/v4/system-channel/message/broadcast-all": 5 } });
    expect((await broadcast()).status).toBe(200);
  });

  it("follow the app's own limit for an endpoint, and refuse a limit that is no number of calls", async () => {
    const raised = await createTestApp(server, "Raised");
    await setAppSettings(server, raised, { apiRateLimits: { "/v4/user/tag/batch/set": 1000 } });
    await callApi(server, raised, issuePath, { userId: "rita", name: "Rita" });
    const answers = await Promise.all(Array.from({ length: 60 }, () => callApi(server, raised, "/v4/user/tag/batch/set", { userIds: ["rita"], tags: ["a"] })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(60);

    const console_ = await signInToConsole(server);
    expect(await console_.send("PATCH", `/api/console/apps/${raised.appKey}/settings`, { apiRateLimits: { "/v4/user/tag/batch/set": 0 } })).toEqual({
      status: 400,
      body: { code: 1002, errorMessage: "apiRateLimits values are calls per second, 1 to 100000" },
    });
  });
});

describe("GET /v4/openapi.json", () => {
  it("describes the served endpoints from their declarations", async () => {
    const document = (await (await fetch(`${server.url}/v4/openapi.json`)).json()) as {
      paths: Record<string, { post: { operationId: string; requestBody: { content: Record<string, { schema: { required: string[] } }> } } }>;
    };
    const issue = document.paths[issuePath]!.post;
    expect(issue.operationId).toBe("issueAccessToken");
    expect(issue.requestBody.content["application/json"]!.schema.required).toEqual(["userId", "name"]);
  });
});
