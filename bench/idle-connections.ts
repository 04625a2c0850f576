// Idle connections: resident memory per connection in one Switchboard process holding 19,000
// against a bare `ws` server holding the same connections; with BENCH_IDLE_TOTAL set, that many
// across three nodes too, each fed by its own load-generator process (a process may hold at
// most 20,000 open files).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { startTestServer, type TestServer } from "../test/support/test-server";
import { createBenchApp } from "./lib/bench-app";
import { startRelay } from "./lib/relay-process";
import { saveResults } from "./lib/results";
import { round } from "./lib/stats";

const perProcess = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 19_000);
const acrossThree = Number(process.env.BENCH_IDLE_TOTAL ?? 0);
/**
 * Seconds of quiet for the settled reading: V8's memory reducer returns the garbage of a
 * connect burst 70 s (10,000 connections) to 100 s (19,000) after it, measured here.
 */
const settleSeconds = Number(process.env.BENCH_IDLE_SETTLE_SECONDS ?? 150);

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Resident memory 5 s after the last connect, and settled: the least of a reading each second
 * over `settleSeconds` of quiet, which is after V8's memory reducer collected the burst's garbage
 * (when it runs within the window varies from run to run; a single last reading caught it
 * before or after by chance).
 */
async function readRss(rss: () => number) {
  await sleep(5);
  const early = rss();
  let settled = early;
  for (let second = 5; second < settleSeconds; second++) {
    await sleep(1);
    settled = Math.min(settled, rss());
  }
  return { early, settled };
}

/** Load-generator processes, each connecting its share of users and keeping them open. */
async function holdConnections(shares: { url: string; from: number; count: number; token?: { appKey: string; tokenKey: string } }[]) {
  const generators: ChildProcess[] = [];
  await Promise.all(
    shares.map(async (share) => {
      const env = {
        ...process.env,
        BENCH_URL: share.url,
        BENCH_APP_KEY: share.token?.appKey ?? "",
        BENCH_TOKEN_KEY: share.token?.tokenKey ?? "",
        BENCH_PREFIX: "u",
        BENCH_FROM: String(share.from),
        BENCH_COUNT: String(share.count),
      };
      const generator = spawn(process.execPath, ["--import", "tsx", "bench/lib/idle-clients.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
      generators.push(generator);
      await new Promise<void>((resolve, reject) => {
        generator.stdout!.on("data", (chunk) => String(chunk).includes("connected") && resolve());
        generator.once("exit", (code) => reject(new Error(`load generator exited with ${code}`)));
      });
    }),
  );
  return { stop: () => generators.forEach((generator) => generator.kill()) };
}

/**
 * Memory per connection as the slope between a third of the connections and all of them
 * (start-up work such as compiled code does not count), read 5 s after the last connect and
 * again once settled: what an idle connection costs is the settled slope.
 */
async function measureGrowth(pids: number[], shares: (from: number, count: number) => Parameters<typeof holdConnections>[0], total: number) {
  const rss = () => pids.reduce((sum, pid) => sum + rssKiB(pid), 0);
  const third = Math.floor(total / 3);
  const first = await holdConnections(shares(0, third));
  const atThird = await readRss(rss);
  const rest = await holdConnections(shares(third, total - third));
  const atAll = await readRss(rss);
  first.stop();
  rest.stop();
  const slope = (reading: "early" | "settled") => round((atAll[reading] - atThird[reading]) / (total - third), 2);
  return {
    connections: total,
    "RSS at a third MiB": round(atThird.settled / 1024, 1),
    "RSS at all MiB": round(atAll.settled / 1024, 1),
    "KiB per connection 5 s after connecting": slope("early"),
    "KiB per connection": slope("settled"),
  };
}

/** One process: every share goes to its one URL. */
const oneUrl = (url: string, token?: { appKey: string; tokenKey: string }) => (from: number, count: number) => [{ url, from, count, token }];

/** Several nodes: the users from..from+count split evenly, one load generator per node. */
const acrossNodes = (urls: string[], token: { appKey: string; tokenKey: string }) => (from: number, count: number) => {
  const share = Math.ceil(count / urls.length);
  return urls.map((url, index) => ({ url, from: from + index * share, count: Math.min(share, count - index * share), token }));
};

async function measureRelay() {
  const relay = await startRelay();
  try {
    return await measureGrowth([relay.process.pid!], oneUrl(relay.url), perProcess);
  } finally {
    relay.stop();
  }
}

async function measureSwitchboard() {
  const nodes: TestServer[] = [await startTestServer()];
  try {
    const userIds = Array.from({ length: Math.max(perProcess, acrossThree) }, (_, index) => `u${index}`);
    const { app, tokenKey } = await createBenchApp(nodes[0]!, userIds);
    const token = { appKey: app.appKey, tokenKey };
    const one = await measureGrowth([nodes[0]!.process.pid!], oneUrl(nodes[0]!.wsUrl, token), perProcess);
    if (acrossThree === 0) return { one, three: null };
    for (let node = 1; node < 3; node++) nodes.push(await startTestServer({ env: { DATABASE_URL: nodes[0]!.database.url } }));
    const three = await measureGrowth(
      nodes.map((node) => node.process.pid!),
      acrossNodes(nodes.map((node) => node.wsUrl), token),
      acrossThree,
    );
    return { one, three };
  } finally {
    for (const node of nodes.reverse()) await node.close();
  }
}

const pairing = `${process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"}+${process.env.SWITCHBOARD_TEST_BUS ?? "memory"}`;
const baseline = await measureRelay();
const { one, three } = await measureSwitchboard();
saveResults(
  `idle connections (${pairing})`,
  `Authenticated, idle gateway connections of distinct users (lean Centrifuge JSON clients, each load-generator process its own). Resident memory (VmRSS, summed over the server processes) with a third of the connections and with all, each read 5 s after the last connect and settled: the least of a reading each second over ${settleSeconds} s of quiet (V8 returns the garbage of a connect burst one to two minutes after it, at a moment that varies); KiB per connection is the settled slope between the two. ` +
    `Baseline: a bare ws server holding the same connections. Ratio = Switchboard KiB per connection ÷ baseline KiB per connection (lower is better).`,
  [
    { system: "bare ws server (baseline)", processes: 1, ...baseline, ratio: 1 },
    { system: "Switchboard", processes: 1, ...one, ratio: round(one["KiB per connection"] / baseline["KiB per connection"], 2) },
    ...(three ? [{ system: "Switchboard", processes: 3, ...three, ratio: round(three["KiB per connection"] / baseline["KiB per connection"], 2) }] : []),
  ],
);
process.exit(0);
