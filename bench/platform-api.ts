// The Platform API: signed user reads and message sends per second as server.ts serves them,
// against a bare node:http server checking the same signature (baseline); and the latency of a
// history page (50 messages) on a channel holding 1,000,000 stored messages, against the
// same page read straight from the database.
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { signatureHeaders, type TestApp } from "../test/support/platform-api";
import { startTestServer, type TestServer } from "../test/support/test-server";
import { createBenchApp } from "./lib/bench-app";
import { processCpuMs } from "./lib/process-cpu";
import { connectRaw } from "./lib/raw-clients";
import { saveResults } from "./lib/results";
import { percentile, round } from "./lib/stats";

const sendSeconds = Number(process.env.BENCH_API_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_API_CONCURRENCY ?? 32);
const storedMessages = Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000);
const historyReads = 500;
/** Pages read first and not timed, both ways: the first calls of a path compile its code. */
const historyWarmUpReads = 50;
/** Which signed-call scenarios run (BENCH_API_SCENARIOS=reads to profile one); BENCH_HISTORY_MESSAGES=0 skips the history page. */
const chosenScenarios = (process.env.BENCH_API_SCENARIOS ?? "reads,sends").split(",");

/** One POST over a kept-alive connection (node:http costs the caller less than fetch): its status. */
function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    call.on("error", reject);
    call.end(body);
  });
}

/** A signed call the callers repeat: its path, and each caller's body. */
type Scenario = { path: string; body: (caller: number) => Record<string, unknown> };

const scenarios = {
  reads: { path: "/v4/user/get", body: (caller) => ({ userId: `u${caller}` }) },
  sends: {
    path: "/v4/direct-channel/message/send",
    body: (caller) => ({ fromUserId: `u${caller}`, toUserIds: [`u${(caller + 1) % concurrency}`], messageType: "RC:TxtMsg", content: '{"content":"hello"}' }),
  },
} satisfies Record<string, Scenario>;

/**
 * `concurrency` callers repeating the scenario's signed call for `sendSeconds`: calls/s, latency, and the
 * CPU the serving process (`pid`) spent a call, which a machine shared with other work disturbs less.
 */
async function signedCalls(baseUrl: string, pid: number, app: TestApp, scenario: Scenario) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(baseUrl + scenario.path);
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + sendSeconds * 1000;
  const begin = performance.now();
  const cpuBefore = processCpuMs(pid);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      const body = JSON.stringify(scenario.body(caller));
      while (performance.now() < deadline) {
        const started = performance.now();
        const status = await post(agent, url, { "content-type": "application/json", ...signatureHeaders(app) }, body);
        if (status === 200) latencies.push(performance.now() - started);
        else failures++;
      }
    }),
  );
  const cpuMs = processCpuMs(pid) - cpuBefore;
  agent.destroy();
  const seconds = (performance.now() - begin) / 1000;
  return {
    calls: latencies.length,
    failed: failures,
    "calls/s": round(latencies.length / seconds, 0),
    "p50 ms": round(percentile(latencies, 0.5), 2),
    "p99 ms": round(percentile(latencies, 0.99), 2),
    "server CPU µs/call": round((cpuMs * 1000) / latencies.length, 0),
  };
}

/** The scenario against the baseline server (started for it), then against Switchboard, one after the other. */
async function measureScenario(server: TestServer, app: TestApp, scenario: Scenario) {
  const baseline = spawn(process.execPath, ["--import", "tsx", "bench/baseline/signed-http.ts"], { env: { ...process.env, BENCH_APP_SECRET: app.appSecret }, stdio: ["ignore", "pipe", "inherit"] });
  let baselineCalls;
  try {
    const port = await new Promise<number>((resolve) => baseline.stdout.once("data", (chunk) => resolve(Number(/(\d+)/.exec(String(chunk))![1]))));
    baselineCalls = await signedCalls(`http://127.0.0.1:${port}`, baseline.pid!, app, scenario);
  } finally {
    baseline.kill();
  }
  const switchboardCalls = await signedCalls(server.url, server.process.pid!, app, scenario);
  return [
    { system: "bare node:http, signature checked (baseline)", ...baselineCalls, ratio: 1 },
    { system: "Switchboard", ...switchboardCalls, ratio: round(switchboardCalls["calls/s"] / baselineCalls["calls/s"], 3) },
  ];
}

/** A direct channel between h1 and h2 with `storedMessages` messages, written straight into the database. */
async function seedHistory(server: TestServer, appId: string, send: () => Promise<void>) {
  await send();
  const url = server.database.url;
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length));
    const { id: channelId } = sqlite.prepare(`SELECT "id" FROM "Channel" WHERE "appId" = ? AND "channelId" = 'h1:h2'`).get(appId) as { id: string };
    const insert = sqlite.prepare(`INSERT INTO "Message" ("id", "appId", "channelId", "seq", "senderId", "type", "content", "sentAt", "updatedAt") VALUES (?, ?, ?, ?, 'h1', 'RC:TxtMsg', ?, ?, ?)`);
    const now = new Date().toISOString().replace("Z", "+00:00");
    sqlite.transaction(() => {
      for (let seq = 2; seq <= storedMessages; seq++) insert.run(`BENCH-${seq}`, appId, channelId, seq, `{"content":"message ${seq}"}`, now, now);
      sqlite.prepare(`UPDATE "Channel" SET "lastSeq" = ? WHERE "id" = ?`).run(storedMessages, channelId);
    })();
    return { channelId, page: (beforeSeq: number) => sqlite.prepare(`SELECT * FROM "Message" WHERE "channelId" = ? AND "seq" < ? ORDER BY "seq" DESC LIMIT 51`).all(channelId, beforeSeq), close: () => sqlite.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "Channel" WHERE "appId" = $1 AND "channelId" = 'h1:h2'`, [appId]);
  const channelId = rows[0]!.id;
  await client.query(
    `INSERT INTO "Message" ("id", "appId", "channelId", "seq", "senderId", "type", "content", "sentAt", "updatedAt")
     SELECT 'BENCH-' || g, $1, $2, g, 'h1', 'RC:TxtMsg', '{"content":"message ' || g || '"}', now(), now() FROM generate_series(2, $3::int) g`,
    [appId, channelId, storedMessages],
  );
  await client.query(`UPDATE "Channel" SET "lastSeq" = $1 WHERE "id" = $2`, [storedMessages, channelId]);
  await client.query("ANALYZE");
  return {
    channelId,
    page: (beforeSeq: number) => client.query(`SELECT * FROM "Message" WHERE "channelId" = $1 AND "seq" < $2 ORDER BY "seq" DESC LIMIT 51`, [channelId, beforeSeq]),
    close: () => client.end(),
  };
}

/** `historyReads` pages of 50 before random points of the channel, one after another, after a warm-up: latency of each. */
async function timePages(read: (beforeSeq: number) => Promise<unknown>) {
  const latencies: number[] = [];
  for (let index = 0; index < historyWarmUpReads + historyReads; index++) {
    const beforeSeq = 51 + Math.floor(Math.random() * (storedMessages - 50));
    const started = performance.now();
    await read(beforeSeq);
    if (index >= historyWarmUpReads) latencies.push(performance.now() - started);
  }
  return { pages: historyReads, "p50 ms": round(percentile(latencies, 0.5), 3), "p99 ms": round(percentile(latencies, 0.99), 3) };
}

/** The history page scenario: seeds the channel, then times pages read both ways. */
async function measureHistory(server: TestServer, input: { app: TestApp; appId: string; reader: string; pairing: string }) {
  const seeded = await seedHistory(server, input.appId, async () => {
    await fetch(`${server.url}/v4/direct-channel/message/send`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signatureHeaders(input.app) },
      body: JSON.stringify({ fromUserId: "h1", toUserIds: ["h2"], messageType: "RC:TxtMsg", content: '{"content":"first"}' }),
    });
  });
  const reader = await connectRaw(server.wsUrl, input.reader);
  const direct = await timePages(async (beforeSeq) => seeded.page(beforeSeq));
  const switchboardPages = await timePages((beforeSeq) => reader.rpc("history.list", { channelType: 1, channelId: "h2", beforeSeq, limit: 50 }));
  reader.close();
  await seeded.close();
  saveResults(
    `history page on 1,000,000 messages (${input.pairing})`,
    `A direct channel holding ${storedMessages.toLocaleString("en")} messages; ${historyReads} pages of 50 before random points, one after another, after ${historyWarmUpReads} untimed pages: through a connected client's history.list RPC (Switchboard), and the same page read straight from the database by the bench (baseline). Ratio = p50 ÷ baseline p50.`,
    [
      { system: "the page's SQL, straight from the database (baseline)", ...direct, ratio: 1 },
      { system: "Switchboard history.list", ...switchboardPages, ratio: round(switchboardPages["p50 ms"] / direct["p50 ms"], 2) },
    ],
  );
}

const server = await startTestServer();
try {
  const userIds = [...Array.from({ length: concurrency }, (_, index) => `u${index}`), "h1", "h2"];
  // Both endpoints take 100 calls per second per app by default: lifted for the measurement.
  const limits = JSON.stringify(Object.fromEntries(Object.values(scenarios).map((scenario) => [scenario.path, 100000])));
  const { app, appId, tokenFor } = await createBenchApp(server, userIds, [`apiRateLimits=${limits}`]);
  const pairing = `${process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"}+${process.env.SWITCHBOARD_TEST_BUS ?? "memory"}`;

  if (chosenScenarios.includes("reads")) {
    saveResults(
      `Platform API reads (${pairing})`,
      `${concurrency} callers reading users (/v4/user/get, each its own registered user) for ${sendSeconds} s over keep-alive HTTP, on the same 2-core machine. ` +
        `Switchboard verifies the signature, claims the nonce, counts the rate limit and the usage, logs the call and reads the user before answering; the baseline (bare node:http) checks the same signature and answers the same shape. Ratio = calls/s ÷ baseline calls/s; server CPU µs/call is the serving process's user + system time over the run (background writes included) a successful call.`,
      await measureScenario(server, app, scenarios.reads),
    );
  }
  if (chosenScenarios.includes("sends")) {
    saveResults(
      `Platform API sends (${pairing})`,
      `${concurrency} callers sending signed direct messages (/v4/direct-channel/message/send) for ${sendSeconds} s over keep-alive HTTP, on the same 2-core machine. ` +
        `Switchboard verifies the signature, applies every rule and stores each message before answering; the baseline (bare node:http) checks the same signature and answers the same shape. Ratio = calls/s ÷ baseline calls/s; server CPU µs/call is the serving process's user + system time over the run (background writes included) a successful call.`,
      await measureScenario(server, app, scenarios.sends),
    );
  }

  if (storedMessages > 0) await measureHistory(server, { app, appId, reader: tokenFor("h1"), pairing });
} finally {
  await server.close();
}
process.exit(0);
