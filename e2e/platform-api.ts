import { createHash, randomBytes } from "node:crypto";
import WebSocket from "ws";
import { SwitchboardClient } from "@switchboard/sdk";

type SigningApp = { appKey: string; appSecret: string };

const serverUrl = () => `http://127.0.0.1:${process.env.SWITCHBOARD_E2E_PORT}`;

/** A signed v4 Platform API request from the test, as an app server sends it; answers the raw response. */
export function sendPlatformRequest(app: SigningApp, path: string, body: Record<string, unknown>) {
  const nonce = randomBytes(9).toString("base64url");
  const timestamp = String(Date.now());
  const signature = createHash("sha1").update(app.appSecret + nonce + timestamp).digest("hex");
  return fetch(serverUrl() + path, {
    method: "POST",
    headers: { "content-type": "application/json", "App-Key": app.appKey, Nonce: nonce, Timestamp: timestamp, Signature: signature },
    body: JSON.stringify(body),
  });
}

/** A signed v4 Platform API call; answers the parsed body. */
export async function callPlatformApi(app: SigningApp, path: string, body: Record<string, unknown>) {
  const response = await sendPlatformRequest(app, path, body);
  return (await response.json()) as { code: number; result?: Record<string, unknown>; errorMessage?: string };
}

/** An access token for the user, issued as the app server would (registering the user if new). */
export async function issueAccessToken(app: SigningApp, userId: string): Promise<string> {
  const issued = await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId });
  return (issued.result as { accessToken: string }).accessToken;
}

/** A client holding `token`, not yet connected. */
export const clientWithToken = (token: string) =>
  new SwitchboardClient({ url: `${serverUrl().replace("http", "ws")}/connection/websocket`, token, websocket: WebSocket });

/** A real client of the user, connected to the gateway over WebSocket. */
export async function connectClient(app: SigningApp, userId: string): Promise<SwitchboardClient> {
  const client = clientWithToken(await issueAccessToken(app, userId));
  await client.connect();
  return client;
}
