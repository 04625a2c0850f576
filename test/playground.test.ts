import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { SwitchboardClient } from "@switchboard/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntryView, IssuedToken } from "../lib/contract";
import { type ConsoleSession, signInToConsole } from "./support/console-session";
import { callApi, createTestApp, issueToken, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The console's chat playground asks the server for its sessions' tokens: admins only, each issue audited.
let server: TestServer;
let owner: ConsoleSession;
let viewer: ConsoleSession;
let app: TestApp;

const tokensPath = () => `/api/console/apps/${app.appKey}/playground/tokens`;
const usersPath = () => `/api/console/apps/${app.appKey}/playground/users`;
const audit = async () => (await owner.get<{ entries: AuditEntryView[] }>(`/api/console/audit?appKey=${app.appKey}`)).body.entries;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signInToConsole(server);
  const email = `viewer-${randomUUID()}@example.com`;
  const invited = await owner.send<{ password: string }>("POST", "/api/console/operators", { email, role: "viewer" });
  viewer = await signInToConsole(server, { email, password: invited.body.password });
  app = await createTestApp(server, "Playground");
  for (const userId of ["amy", "bob"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

describe("playground tokens", () => {
  it("gives an admin a working token for each user, changes no profile, and records the issue without the tokens", async () => {
    const answer = await owner.send<{ tokens: IssuedToken[] }>("POST", tokensPath(), { userIds: ["amy", "bob"] });
    expect(answer.status).toBe(200);
    expect(answer.body.tokens.map(({ userId, name }) => ({ userId, name }))).toEqual([
      { userId: "amy", name: "amy" },
      { userId: "bob", name: "bob" },
    ]);

    const [amyToken, bobToken] = answer.body.tokens;
    const amy = new SwitchboardClient({ url: server.wsUrl, token: amyToken!.accessToken, websocket: WebSocket });
    const bob = new SwitchboardClient({ url: server.wsUrl, token: bobToken!.accessToken, websocket: WebSocket });
    const received = new Promise<string>((resolve) => bob.onMessage((message) => resolve(String(message.content.content))));
    await Promise.all([amy.connect(), bob.connect()]);
    await amy.sendDirectMessage({ to: "bob", text: "from the playground" });
    expect(await received).toBe("from the playground");
    amy.disconnect();
    bob.disconnect();

    const [entry] = await audit();
    expect(entry).toEqual(expect.objectContaining({ action: "playground.tokens.issue", appKey: app.appKey, operatorEmail: "owner@example.com", details: { userIds: ["amy", "bob"] } }));
    expect(JSON.stringify(await audit())).not.toContain(amyToken!.accessToken);
    const profile = await callApi(server, app, "/v4/user/get", { userId: "amy" });
    expect((profile.body.result as { name: string }).name).toBe("amy");
  });

  it("refuses a viewer on the server, issuing nothing", async () => {
    const before = (await audit()).length;
    const refused = await viewer.send("POST", tokensPath(), { userIds: ["amy", "bob"] });
    expect(refused).toEqual({ status: 403, body: { code: 1009, errorMessage: "Your role (viewer) cannot change anything here; an admin or owner can" } });
    expect((await viewer.send("POST", usersPath(), { userId: "viewer-made", name: "Nope" })).status).toBe(403);
    expect(await audit()).toHaveLength(before);
  });

  it("refuses the whole call when a user is unknown, with the error shape, and records nothing", async () => {
    const before = (await audit()).length;
    const refused = await owner.send("POST", tokensPath(), { userIds: ["amy", "nobody"] });
    expect(refused).toEqual({ status: 404, body: { code: 1010, errorMessage: "The app has no user nobody" } });
    expect(await audit()).toHaveLength(before);
  });

  it.each([
    { case: "no users", body: { userIds: [] }, errorMessage: "userIds must hold 1 to 8 user ids" },
    { case: "too many users", body: { userIds: Array.from({ length: 9 }, (_, index) => `u${index}`) }, errorMessage: "userIds must hold 1 to 8 user ids" },
    { case: "a malformed user id", body: { userIds: ["amy", "no spaces"] }, errorMessage: "userIds must be 1 to 64 characters of letters, digits and _ - = + @ ." },
    { case: "no list", body: {}, errorMessage: "userIds: userIds is a list of the app's user ids" },
  ])("refuses $case with 400", async ({ body, errorMessage }) => {
    expect(await owner.send("POST", tokensPath(), body)).toEqual({ status: 400, body: { code: 1002, errorMessage } });
  });

  it("registers a test user with its first token, audited, and refuses a user id taken already", async () => {
    const created = await owner.send<{ token: IssuedToken }>("POST", usersPath(), { userId: "test-1", name: "Test user 1" });
    expect(created.status).toBe(201);
    expect(created.body.token).toEqual({ userId: "test-1", name: "Test user 1", accessToken: expect.any(String) });
    const client = new SwitchboardClient({ url: server.wsUrl, token: created.body.token.accessToken, websocket: WebSocket });
    await client.connect();
    client.disconnect();
    expect((await audit())[0]).toEqual(expect.objectContaining({ action: "playground.user.create", details: { userId: "test-1", name: "Test user 1" } }));

    const taken = await owner.send("POST", usersPath(), { userId: "amy", name: "Renamed" });
    expect(taken).toEqual({ status: 409, body: { code: 1011, errorMessage: "User amy exists already: pick it from the app's users" } });
    expect(((await callApi(server, app, "/v4/user/get", { userId: "amy" })).body.result as { name: string }).name).toBe("amy");
  });
});
