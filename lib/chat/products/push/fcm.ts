import { signJwt } from "./jwt";
import { describeAnswer, type PushNotice, type PushResult } from "./push-notice";

type ServiceAccount = { project_id: string; client_email: string; private_key: string; token_uri?: string };

const messagingScope = "https://www.googleapis.com/auth/firebase.messaging";
const defaultTokenUri = "https://oauth2.googleapis.com/token";
const requestTimeoutMs = 10_000;

/** OAuth access tokens per service account, reused until shortly before they expire. */
const accessTokens = new Map<string, { token: string; expiresAt: number }>();

/**
 * Sends a notification to one device through FCM's HTTP v1 API, authenticated with an
 * OAuth token the service account's key obtains (JWT bearer grant). An expired or revoked
 * access token is replaced once.
 */
export async function sendFcm(input: { serviceAccount: string; endpoint: string; token: string; notice: PushNotice }): Promise<PushResult> {
  const account = JSON.parse(input.serviceAccount) as ServiceAccount;
  for (let attempt = 1; ; attempt++) {
    const accessToken = await getAccessToken(account);
    const response = await fetch(`${input.endpoint.replace(/\/$/, "")}/v1/projects/${encodeURIComponent(account.project_id)}/messages:send`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ message: { token: input.token, notification: { title: input.notice.title, body: input.notice.body }, data: input.notice.data } }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const body = await response.text();
    if (response.status === 401 && attempt === 1) {
      accessTokens.delete(accountKey(account));
      continue;
    }
    return readAnswer(response.status, body);
  }
}

function readAnswer(status: number, body: string): PushResult {
  if (status >= 200 && status < 300) return { outcome: "delivered" };
  // UNREGISTERED (404) and a malformed token (400 INVALID_ARGUMENT) mean the token is of no use again.
  if (status === 404 || (status === 400 && body.includes("INVALID_ARGUMENT"))) return { outcome: "tokenGone", detail: describeAnswer(status, body) };
  if (status === 429 || status >= 500) return { outcome: "retry", detail: describeAnswer(status, body) };
  return { outcome: "failed", detail: describeAnswer(status, body) };
}

const accountKey = (account: ServiceAccount) => `${account.client_email} ${account.token_uri ?? defaultTokenUri}`;

async function getAccessToken(account: ServiceAccount): Promise<string> {
  const cached = accessTokens.get(accountKey(account));
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const tokenUri = account.token_uri ?? defaultTokenUri;
  const now = Math.floor(Date.now() / 1000);
  const assertion = signJwt({
    algorithm: "RS256",
    claims: { iss: account.client_email, scope: messagingScope, aud: tokenUri, iat: now, exp: now + 3600 },
    privateKey: account.private_key,
  });
  const response = await fetch(tokenUri, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`FCM access token refused: ${describeAnswer(response.status, body)}`);
  const { access_token: token, expires_in: expiresIn } = JSON.parse(body) as { access_token: string; expires_in: number };
  // A minute of margin: a token must not expire on its way.
  accessTokens.set(accountKey(account), { token, expiresAt: Date.now() + (expiresIn - 60) * 1000 });
  return token;
}
