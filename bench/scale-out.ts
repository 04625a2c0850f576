// One node against two nodes behind nginx, both on PostgreSQL + Redis, under the same
// direct-message load (the direct-messages scenario's). Runs on the postgresql+redis
// pairing when nginx is installed; elsewhere it says so and measures nothing.
import { existsSync } from "node:fs";
import { startLoadBalancer } from "../test/support/nginx";
import { nginxBinary } from "../test/support/suites";
import { startTestServer, type TestServer } from "../test/support/test-server";
import { createBenchApp } from "./lib/bench-app";
import { runDirectLoad } from "./lib/direct-load";
import { saveResults } from "./lib/results";
import { round } from "./lib/stats";

const options = {
  pairs: Number(process.env.BENCH_PAIRS ?? 50),
  messagesPerSender: Number(process.env.BENCH_MESSAGES ?? 200),
  inFlightPerSender: Number(process.env.BENCH_IN_FLIGHT ?? 4),
};

if (process.env.SWITCHBOARD_TEST_DATABASE !== "postgresql" || !existsSync(nginxBinary)) {
  console.log("scale-out: skipped, it needs the postgresql+redis pairing and nginx (apt-get install nginx)");
  process.exit(0);
}

const userIds = Array.from({ length: options.pairs }, (_, index) => [`s${index}`, `r${index}`]).flat();
const settings = ["clientMessagesPerSecond=1000"];

async function measure(nodeCount: 1 | 2) {
  const nodes: TestServer[] = [await startTestServer()];
  if (nodeCount === 2) nodes.push(await startTestServer({ env: { DATABASE_URL: nodes[0]!.database.url } }));
  const balancer = nodeCount === 2 ? await startLoadBalancer(nodes.map((node) => node.url)) : null;
  try {
    const { tokenFor } = await createBenchApp(nodes[0]!, userIds, settings);
    return await runDirectLoad({ ...options, url: balancer?.wsUrl ?? nodes[0]!.wsUrl, serverPids: nodes.map((node) => node.process.pid!), tokenFor: async (userId) => tokenFor(userId) });
  } finally {
    await balancer?.close();
    for (const node of nodes.reverse()) await node.close();
  }
}

const one = await measure(1);
const two = await measure(2);
saveResults(
  "one node against two behind nginx (postgresql+redis)",
  `The direct-messages load (${options.pairs} pairs, ${options.messagesPerSender} messages per sender, ${options.inFlightPerSender} in flight) against one node, then against two nodes behind nginx sharing PostgreSQL and Redis; ` +
    `with two nodes most pairs span nodes, so each message crosses Redis. Everything (nodes, nginx, PostgreSQL, Redis, load generator) shares one 2-core machine. Ratio = messages/s ÷ one node's messages/s.`,
  [
    { system: "one node", ...one, ratio: 1 },
    { system: "two nodes behind nginx", ...two, ratio: round(two["messages/s"] / one["messages/s"], 3) },
  ],
);
process.exit(0);
