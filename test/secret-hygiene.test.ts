import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SwitchboardClient } from "@switchboard/sdk";
import { type ConsoleSession, signInToConsole } from "./support/console-session";
import { callApi, callLegacyApi, connectUser, signatureHeaders, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The most talkative log level: whatever any code path logs is in the output.
let server: TestServer;
let console_: ConsoleSession;

beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: "debug" } });
  console_ = await signInToConsole(server);
});
afterAll(() => server?.close());

type LoggedRequest = { path: string; requestBody: string; responseBody: string };

describe("secrets and tokens", () => {
  it("never reach the server's logs, the request log or the audit log", async () => {
    const created = await console_.send<{ app: TestApp }>("POST", "/api/console/apps", { name: "Hygiene", environment: "production" });
    const firstSecret = created.body.app.appSecret;
    const rotated = await console_.send<{ app: TestApp }>("POST", `/api/console/apps/${created.body.app.appKey}/rotate-secret`, { graceHours: 1 });
    const app = rotated.body.app;
    const issued = await callApi(server, app, "/v4/auth/access-token/issue", { userId: "ann", name: "Ann" });
    const annToken = (issued.body.result as { accessToken: string }).accessToken;
    const legacy = await callLegacyApi(server, app, "/user/getToken.json", { userId: "ben", name: "Ben" });
    const benToken = (legacy.body as { token: string }).token;
    const signature = signatureHeaders(app);

    // Calls that fail, where a careless error path would print what it was given.
    expect((await callApi(server, app, "/v4/user/profile/batch/get", { userIds: ["ann"] }, { headers: { ...signature, Signature: firstSecret } })).status).toBe(401);
    expect((await callApi(server, app, "/v4/auth/access-token/issue", { userId: "ann", token: annToken, secret: app.appSecret })).status).toBeLessThan(500);
    const forged = new SwitchboardClient({ url: server.wsUrl, token: `${annToken.slice(0, -4)}AAAA`, websocket: WebSocket });
    const refused = new Promise((resolve) => forged.on("disconnected", resolve));
    forged.connect().catch(() => {});
    await refused;
    forged.disconnect();
    const ann = await connectUser(server, app, "ann");
    await ann.sendDirectMessage({ to: "ben", text: "hello" });
    ann.disconnect();
    expect((await console_.send("POST", `/api/console/apps/${app.appKey}/debugger/send`, { path: "/v4/user/profile/batch/get", body: { userIds: ["ann"] } })).status).toBe(200);

    const requestLog = async () => (await console_.get<{ requests: LoggedRequest[] }>(`/api/console/apps/${app.appKey}/requests`)).body.requests;
    // The log is written every second.
    for (let tries = 0; tries < 50 && (await requestLog()).length < 5; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
    const audit = (await console_.get<{ entries: unknown[] }>("/api/console/audit")).body.entries;

    const secrets = { firstSecret, secret: app.appSecret, annToken, benToken, signature: signature.Signature, password: "owner-password" };
    const places = { serverOutput: server.output(), requestLog: JSON.stringify(await requestLog()), auditLog: JSON.stringify(audit) };
    const leaks = Object.entries(places).flatMap(([place, text]) => Object.entries(secrets).filter(([, value]) => text.includes(value)).map(([name]) => `${name} in ${place}`));
    expect(leaks).toEqual([]);
    // The request log did record the calls: their paths and redacted bodies.
    expect(places.requestLog).toContain("/v4/auth/access-token/issue");
    expect(places.requestLog).toContain("[redacted]");
  });
});
