import { createHash, createHmac, randomBytes } from "node:crypto";
import WebSocket from "ws";
import type { AppSettings, consoleSettingsView } from "../../lib/chat/base/apps/app-settings";
import type { AppEnvironment } from "../../lib/contract";
import { type ClientOptions, type OperationToSign, SwitchboardClient } from "@switchboard/sdk";
import { type ConsoleSession, signInToConsole } from "./console-session";
import { jsonText } from "./nested-json";
import { checkAgainstOpenApi } from "./openapi-validator";
import type { TestServer } from "./test-server";

export type TestApp = { appKey: string; appSecret: string };

// Set-up goes through the console API: an HTTP call, where a CLI run starts a process (seconds on a loaded CI machine).
const consoleSessions = new WeakMap<TestServer, Promise<ConsoleSession>>();

/** The operator session the set-up helpers share: one sign-in per server. */
function sharedConsoleSession(server: TestServer): Promise<ConsoleSession> {
  let session = consoleSessions.get(server);
  if (!session) {
    session = signInToConsole(server);
    // A failed sign-in is not kept: the next call tries again.
    session.catch(() => consoleSessions.delete(server));
    consoleSessions.set(server, session);
  }
  return session;
}

/** Creates an app through the console API, as an operator in the console would. */
export async function createTestApp(server: TestServer, name = "Test app", environment: AppEnvironment = "development"): Promise<TestApp> {
  const session = await sharedConsoleSession(server);
  const { status, body } = await session.send<{ app: TestApp }>("POST", "/api/console/apps", { name, environment });
  if (status !== 201) throw new Error(`creating an app failed (${status}): ${JSON.stringify(body)}`);
  return body.app;
}

/**
 * Changes some of an app's settings through the console API, as typed values (numbers,
 * booleans, objects), and returns the console's answer: every setting, secrets blanked.
 * The server that answers drops its cached settings at once (other nodes within moments, through the bus).
 */
export async function setAppSettings(server: TestServer, app: TestApp, changes: Partial<AppSettings>): Promise<ReturnType<typeof consoleSettingsView>> {
  const session = await sharedConsoleSession(server);
  const { status, body } = await session.send<ReturnType<typeof consoleSettingsView>>("PATCH", `/api/console/apps/${app.appKey}/settings`, changes);
  if (status !== 200) throw new Error(`changing settings failed (${status}): ${JSON.stringify(body)}`);
  return body;
}

type WebhookEndpoint = { url: string; events?: string[]; style?: string };

/** Adds a webhook endpoint through the console, as on its Webhooks page; resolves with the app's endpoints. */
export async function addWebhookEndpoint(server: TestServer, app: TestApp, endpoint: WebhookEndpoint): Promise<WebhookEndpoint[]> {
  const session = await sharedConsoleSession(server);
  const { status, body } = await session.send<{ endpoints: WebhookEndpoint[] }>("POST", `/api/console/apps/${app.appKey}/webhooks`, endpoint);
  if (status !== 201) throw new Error(`adding a webhook endpoint failed (${status}): ${JSON.stringify(body)}`);
  return body.endpoints;
}

export const newNonce = () => randomBytes(9).toString("base64url");

export function signatureHeaders(app: TestApp, options: { nonce?: string; timestamp?: string; secret?: string } = {}) {
  const nonce = options.nonce ?? newNonce();
  const timestamp = options.timestamp ?? String(Date.now());
  const signature = createHash("sha1")
    .update((options.secret ?? app.appSecret) + nonce + timestamp)
    .digest("hex");
  return { "App-Key": app.appKey, Nonce: nonce, Timestamp: timestamp, Signature: signature };
}

/**
 * What an app's server does for a signed client operation (README, "Operation signatures"):
 * an SDK `signOperation` for `userId`, signing with the App Secret or `secret`.
 */
export function operationSigner(app: TestApp, userId: string, secret = app.appSecret) {
  return async ({ operation, conversation }: OperationToSign) => {
    const timestamp = Date.now();
    return { timestamp, value: createHmac("sha256", secret).update(`${operation}\n${userId}\n${conversation}\n${timestamp}`).digest("hex") };
  };
}

/** Signature version 2 headers: HMAC-SHA256 over Timestamp, Nonce, method, path and the body's SHA-256. */
export function requestSignatureHeaders(app: TestApp, request: { path: string; body: string }, options: { secret?: string } = {}) {
  const nonce = newNonce();
  const timestamp = String(Date.now());
  const bodyHash = createHash("sha256").update(request.body).digest("hex");
  const signature = createHmac("sha256", options.secret ?? app.appSecret)
    .update(`${timestamp}\n${nonce}\nPOST\n${request.path}\n${bodyHash}`)
    .digest("hex");
  return { "App-Key": app.appKey, Nonce: nonce, Timestamp: timestamp, "Signature-Version": "2", Signature: signature };
}

/** A signed Platform API call; `headers` replace or (with null) remove the signed ones. */
export async function callApi(
  server: TestServer,
  app: TestApp,
  path: string,
  body: unknown,
  options: { headers?: Record<string, string | null>; rawBody?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = { "Content-Type": options.contentType ?? "application/json", ...signatureHeaders(app) };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const response = await fetch(server.url + path, { method: "POST", headers, body: options.rawBody ?? jsonText(body) });
  const answer = { status: response.status, body: (await response.json()) as Record<string, unknown> };
  await checkAgainstOpenApi(server, path, answer.status, answer.body);
  return answer;
}

/**
 * A signed call to the older form API: lists as repeated keys, and the Timestamp in
 * seconds as its clients send it.
 */
export async function callLegacyApi(
  server: TestServer,
  app: TestApp,
  path: string,
  fields: Record<string, string | string[]>,
  options: { headers?: Record<string, string> } = {},
) {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(key, item);
  const headers = options.headers ?? signatureHeaders(app, { timestamp: String(Math.floor(Date.now() / 1000)) });
  return callApi(server, app, path, null, { rawBody: form.toString(), contentType: "application/x-www-form-urlencoded", headers });
}

export async function issueToken(server: TestServer, app: TestApp, userId: string): Promise<string> {
  const { status, body } = await callApi(server, app, "/v4/auth/access-token/issue", { userId, name: userId });
  if (status !== 200) throw new Error(`token issue failed: ${JSON.stringify(body)}`);
  return (body.result as { accessToken: string }).accessToken;
}

type UserClientOptions = Omit<ClientOptions, "url" | "token" | "websocket">;

/** An SDK client of a (new or known) user, not yet connected; `options` as the SDK takes them (platform, syncPosition). */
export async function createUserClient(server: TestServer, app: TestApp, userId: string, options: UserClientOptions = {}): Promise<SwitchboardClient> {
  return new SwitchboardClient({ url: server.wsUrl, token: await issueToken(server, app, userId), websocket: WebSocket, ...options });
}

/** A connected SDK client of a (new or known) user. */
export async function connectUser(server: TestServer, app: TestApp, userId: string, options: UserClientOptions = {}): Promise<SwitchboardClient> {
  const client = await createUserClient(server, app, userId, options);
  await client.connect();
  return client;
}

/** Waits until every node counts the user online ("1") or offline ("0"), e.g. after a client disconnected. */
export async function waitForConnectionStatus(server: TestServer, app: TestApp, userId: string, status: "0" | "1") {
  for (let tries = 0; tries < 100; tries++) {
    const { body } = await callApi(server, app, "/v4/user/connection-status/get", { userId });
    if ((body.result as { status: string } | undefined)?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${userId} never became ${status === "0" ? "offline" : "online"}`);
}
