import http2 from "node:http2";
import { signJwt } from "./jwt";
import { describeAnswer, type PushNotice, type PushResult } from "./push-notice";

export type ApnsCredentials = { keyId: string; teamId: string; privateKey: string; topic: string; endpoint: string };

const requestTimeoutMs = 10_000;
/** APNs refuses provider tokens older than an hour, and too frequent renewals: renew every 50 minutes. */
const providerTokenLifetimeMs = 50 * 60_000;

const providerTokens = new Map<string, { token: string; issuedAt: number }>();
/** One HTTP/2 connection per APNs endpoint, shared by every request, as Apple asks. */
const sessions = new Map<string, http2.ClientHttp2Session>();

/**
 * Sends a notification to one device through APNs (HTTP/2, token-based authentication:
 * an ES256 JWT of the team's key). An expired provider token is renewed once.
 */
export async function sendApns(input: { credentials: ApnsCredentials; token: string; notice: PushNotice }): Promise<PushResult> {
  const { credentials, notice } = input;
  const aps = { alert: { title: notice.title, body: notice.body }, sound: "default", ...(notice.contentAvailable && { "content-available": 1 }) };
  const body = JSON.stringify({ aps, ...notice.data });
  for (let attempt = 1; ; attempt++) {
    const answer = await post(credentials, `/3/device/${encodeURIComponent(input.token)}`, body);
    const reason = readReason(answer.body);
    if (answer.status === 403 && reason === "ExpiredProviderToken" && attempt === 1) {
      providerTokens.delete(tokenKey(credentials));
      continue;
    }
    return readAnswer(answer.status, reason, answer.body);
  }
}

function readAnswer(status: number, reason: string, body: string): PushResult {
  if (status === 200) return { outcome: "delivered" };
  if (status === 410 || (status === 400 && (reason === "BadDeviceToken" || reason === "DeviceTokenNotForTopic"))) {
    return { outcome: "tokenGone", detail: describeAnswer(status, body) };
  }
  if (status === 429 || status >= 500) return { outcome: "retry", detail: describeAnswer(status, body) };
  return { outcome: "failed", detail: describeAnswer(status, body) };
}

function readReason(body: string): string {
  try {
    return (JSON.parse(body) as { reason?: string }).reason ?? "";
  } catch {
    return "";
  }
}

function post(credentials: ApnsCredentials, path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = session(credentials.endpoint).request({
      ":method": "POST",
      ":path": path,
      authorization: `bearer ${providerToken(credentials)}`,
      "apns-topic": credentials.topic,
      "apns-push-type": "alert",
      "apns-priority": "10",
      "content-type": "application/json",
    });
    request.setTimeout(requestTimeoutMs, () => request.close(http2.constants.NGHTTP2_CANCEL));
    let status = 0;
    let text = "";
    request.on("response", (headers) => (status = Number(headers[":status"])));
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => (status ? resolve({ status, body: text }) : reject(new Error("APNs closed the stream without an answer"))));
    request.on("error", reject);
    request.end(body);
  });
}

function session(endpoint: string): http2.ClientHttp2Session {
  const open = sessions.get(endpoint);
  if (open && !open.closed && !open.destroyed) return open;
  const created = http2.connect(endpoint);
  // Idle connections must not keep the process alive at shutdown.
  created.unref();
  const forget = () => sessions.get(endpoint) === created && sessions.delete(endpoint);
  created.on("close", forget);
  created.on("goaway", forget);
  created.on("error", forget);
  sessions.set(endpoint, created);
  return created;
}

const tokenKey = (credentials: ApnsCredentials) => `${credentials.teamId} ${credentials.keyId}`;

function providerToken(credentials: ApnsCredentials): string {
  const cached = providerTokens.get(tokenKey(credentials));
  if (cached && Date.now() - cached.issuedAt < providerTokenLifetimeMs) return cached.token;
  const issuedAt = Date.now();
  const token = signJwt({ algorithm: "ES256", keyId: credentials.keyId, claims: { iss: credentials.teamId, iat: Math.floor(issuedAt / 1000) }, privateKey: credentials.privateKey });
  providerTokens.set(tokenKey(credentials), { token, issuedAt });
  return token;
}

/** Closes the APNs connections (server shutdown). */
export function closeApnsSessions(): void {
  for (const open of sessions.values()) open.close();
  sessions.clear();
}
