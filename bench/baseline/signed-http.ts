// The Platform API baseline: a bare node:http server that checks the same App-Key / Nonce /
// Timestamp / Signature headers (SHA-1 of secret + nonce + timestamp), parses the JSON body
// and answers a result of the same shape as the path's endpoint (a user read, or message
// ids for a send). No routing framework, no storage.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const appSecret = process.env.BENCH_APP_SECRET!;
let nextId = 0;

const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    const expected = createHash("sha1").update(appSecret + request.headers.nonce + request.headers.timestamp).digest();
    const given = Buffer.from(String(request.headers.signature ?? ""), "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(401, { "content-type": "application/json" }).end('{"code":1004}');
      return;
    }
    const input = JSON.parse(body) as { userId?: string; toUserIds?: string[] };
    const result =
      request.url === "/v4/user/get"
        ? { name: input.userId, avatarUrl: "", createdAt: new Date().toISOString() }
        : { messageIds: (input.toUserIds ?? []).map((userId) => ({ userId, messageId: `${randomBytes(4).toString("hex")}-${++nextId}` })) };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: 0, result }));
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening on ${(server.address() as { port: number }).port}\n`));
