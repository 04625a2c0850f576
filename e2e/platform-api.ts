import { createHash, randomBytes } from "node:crypto";
import WebSocket from "ws";
import { SwitchboardClient } from "../lib/sdk";

type SigningApp = { appKey: string; appSecret: string };

const serverUrl = () => `http://127.0.0.1:${process.env.SWITCHBOARD_E2E_PORT}`;

/** A signed v4 Platform API call from the test, as an app server makes it; answers the parsed body. */
export async function callPlatformApi(app: SigningApp, path: string, body: Record<string, unknown>) {
  const nonce = randomBytes(9).toString("base64url");
  const timestamp = String(Date.now());
  const signature = createHash("sha1").update(app.appSecret + nonce + timestamp).digest("hex");
  const response = await fetch(serverUrl() + path, {
    method: "POST",
    headers: { "content-type": "application/json", "App-Key": app.appKey, Nonce: nonce, Timestamp: timestamp, Signature: signature },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { code: number; result?: Record<string, unknown>; errorMessage?: string };
}

/** A real client of the user, connected to the gateway over WebSocket. */
export async function connectClient(app: SigningApp, userId: string): Promise<SwitchboardClient> {
  const issued = await callPlatformApi(app, "/v4/auth/access-token/issue", { userId, name: userId });
  const token = (issued.result as { accessToken: string }).accessToken;
  const client = new SwitchboardClient({ url: `${serverUrl().replace("http", "ws")}/connection/websocket`, token, websocket: WebSocket });
  await client.connect();
  return client;
}
