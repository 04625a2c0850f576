import { createHash, generateKeyPairSync, type KeyObject, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";

/**
 * Local stand-ins of the push services, speaking their protocols: each checks the
 * authentication a real one would check (signed JWTs), records what it accepted, and
 * answers "unregistered" for the tokens it is told are gone.
 */

type Jwt = { header: Record<string, unknown>; claims: Record<string, unknown> };

/** Verifies a compact JWS with `publicKey` and returns its parts; throws when the signature does not hold. */
function verifyJwt(token: string, publicKey: KeyObject, algorithm: "RS256" | "ES256"): Jwt {
  const [header, claims, signature] = token.split(".");
  const valid = verify("sha256", Buffer.from(`${header}.${claims}`), { key: publicKey, ...(algorithm === "ES256" && { dsaEncoding: "ieee-p1363" as const }) }, Buffer.from(signature!, "base64url"));
  if (!valid) throw new Error("bad JWT signature");
  const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;
  return { header: decode(header!), claims: decode(claims!) };
}

const readBody = (request: IncomingMessage | http2.Http2ServerRequest) =>
  new Promise<string>((resolve) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => resolve(body));
  });

const listen = async (server: Server | http2.Http2Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

export type FcmMessage = { token: string; notification: { title: string; body: string }; data: Record<string, string> };

/** FCM HTTP v1 with Google's OAuth token endpoint: a service account key of its own, JWT bearer grant, then messages:send. */
export async function startFcmStandIn(projectId = "switchboard-test") {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const accessToken = `fcm-access-${Math.random().toString(36).slice(2)}`;
  const messages: FcmMessage[] = [];
  const goneTokens = new Set<string>();
  let tokenGrants = 0;
  let origin = "";
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const answer = (status: number, value: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (request.url === "/token") {
      const form = new URLSearchParams(body);
      const { claims } = verifyJwt(form.get("assertion")!, publicKey, "RS256");
      const valid = form.get("grant_type") === "urn:ietf:params:oauth:grant-type:jwt-bearer" && claims.aud === `${origin}/token` && claims.iss === "push@switchboard-test.iam.example";
      if (!valid || claims.scope !== "https://www.googleapis.com/auth/firebase.messaging") return answer(400, { error: "invalid_grant" });
      tokenGrants++;
      return answer(200, { access_token: accessToken, expires_in: 3600, token_type: "Bearer" });
    }
    if (request.url !== `/v1/projects/${projectId}/messages:send`) return answer(404, { error: { status: "NOT_FOUND" } });
    if (request.headers.authorization !== `Bearer ${accessToken}`) return answer(401, { error: { status: "UNAUTHENTICATED" } });
    const { message } = JSON.parse(body) as { message: FcmMessage };
    if (goneTokens.has(message.token)) return answer(404, { error: { status: "NOT_FOUND", details: [{ errorCode: "UNREGISTERED" }] } });
    messages.push(message);
    answer(200, { name: `projects/${projectId}/messages/${messages.length}` });
  });
  origin = await listen(server);
  const serviceAccount = JSON.stringify({
    type: "service_account",
    project_id: projectId,
    client_email: "push@switchboard-test.iam.example",
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
    token_uri: `${origin}/token`,
  });
  return {
    origin,
    serviceAccount,
    messages,
    goneTokens,
    tokenGrants: () => tokenGrants,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ApnsRequest = { token: string; topic: string; pushType: string; payload: { aps: { alert: { title: string; body: string } } } & Record<string, unknown> };

/** APNs over HTTP/2 (cleartext here: no certificates on loopback), with token-based (ES256) provider authentication. */
export async function startApnsStandIn(credentials = { keyId: "KEY1234567", teamId: "TEAM123456", topic: "com.example.chat" }) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const requests: ApnsRequest[] = [];
  const goneTokens = new Set<string>();
  const server = http2.createServer(async (request, response) => {
    const body = await readBody(request);
    const answer = (status: number, value?: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(value === undefined ? "" : JSON.stringify(value));
    const token = request.url.match(/^\/3\/device\/([^/]+)$/)?.[1];
    if (request.method !== "POST" || !token) return answer(404, { reason: "BadPath" });
    const bearer = String(request.headers.authorization ?? "").replace(/^bearer /, "");
    let jwt: Jwt;
    try {
      jwt = verifyJwt(bearer, publicKey, "ES256");
    } catch {
      return answer(403, { reason: "InvalidProviderToken" });
    }
    if (jwt.header.kid !== credentials.keyId || jwt.claims.iss !== credentials.teamId) return answer(403, { reason: "InvalidProviderToken" });
    if (request.headers["apns-topic"] !== credentials.topic) return answer(400, { reason: "DeviceTokenNotForTopic" });
    if (goneTokens.has(token)) return answer(410, { reason: "Unregistered", timestamp: Date.now() });
    requests.push({ token, topic: String(request.headers["apns-topic"]), pushType: String(request.headers["apns-push-type"]), payload: JSON.parse(body) as ApnsRequest["payload"] });
    response.setHeader("apns-id", createHash("md5").update(String(requests.length)).digest("hex"));
    answer(200);
  });
  const origin = await listen(server);
  return {
    endpoint: origin,
    settings: {
      pushApnsKeyId: credentials.keyId,
      pushApnsTeamId: credentials.teamId,
      pushApnsTopic: credentials.topic,
      pushApnsPrivateKey: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      pushApnsEndpoint: origin,
    },
    requests,
    goneTokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
