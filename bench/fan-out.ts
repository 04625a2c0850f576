// Fan-out: one sender, every other connection receives each message. A 1,000-member group
// with every member online, and an open channel with 2,000 and with 15,000 connections, each
// against a bare `ws` broadcast of the same frames (baseline), every server in its own process.
import { callApi } from "../test/support/platform-api";
import { startTestServer, type TestServer } from "../test/support/test-server";
import { createBenchApp } from "./lib/bench-app";
import { connectMany, connectRaw, type RawClient } from "./lib/raw-clients";
import { startRelay } from "./lib/relay-process";
import { saveResults } from "./lib/results";
import { round } from "./lib/stats";

const groupMembers = Number(process.env.BENCH_GROUP_MEMBERS ?? 1000);
const openChannelSizes = (process.env.BENCH_OPEN_CHANNEL_CONNECTIONS ?? "2000,15000").split(",").map(Number);
const messages = Number(process.env.BENCH_FAN_OUT_MESSAGES ?? 200);
const inFlight = Number(process.env.BENCH_FAN_OUT_IN_FLIGHT ?? 16);

type Target = { channelType: number; channelId: string };

/** Sends `messages` from the first client with a few in flight; measures until every other client has them all. */
async function measureFanOut(clients: RawClient[], target: Target) {
  const [sender, ...receivers] = clients as [RawClient, ...RawClient[]];
  const before = receivers.reduce((sum, client) => sum + client.pushes, 0);
  const expected = messages * receivers.length;
  const delivered = () => receivers.reduce((sum, client) => sum + client.pushes, 0) - before;
  const begin = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < messages) {
        const index = next++;
        await sender.rpc("message.send", { ...target, messageType: "RC:TxtMsg", content: { content: `fan-out ${index}` }, clientMessageId: `fan-${index}` });
      }
    }),
  );
  const deadline = Date.now() + 60_000;
  while (delivered() < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - begin) / 1000;
  return { recipients: receivers.length, messages, deliveries: delivered(), "deliveries/s": round(delivered() / seconds, 0), missing: expected - delivered() };
}

async function measureRelay(connections: number, target: Target) {
  const relay = await startRelay();
  try {
    const clients = await connectMany(connections, (index) => connectRaw(relay.url, `u${index}`));
    const result = await measureFanOut(clients, target);
    for (const client of clients) client.close();
    return result;
  } finally {
    relay.stop();
  }
}

async function withServer<T>(run: (server: TestServer) => Promise<T>) {
  const server = await startTestServer();
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

async function measureGroup() {
  return withServer(async (server) => {
    const userIds = Array.from({ length: groupMembers }, (_, index) => `u${index}`);
    const { app, tokenFor } = await createBenchApp(server, userIds, ["clientMessagesPerSecond=1000"]);
    await callApi(server, app, "/v4/group-channel/create", { channelId: "everyone", name: "Everyone", owner: "u0" });
    for (let start = 0; start < userIds.length; start += 30) await callApi(server, app, "/v4/group-channel/join", { channelId: "everyone", userIds: userIds.slice(start, start + 30) });
    const clients = await connectMany(groupMembers, (index) => connectRaw(server.wsUrl, tokenFor(`u${index}`)));
    const result = await measureFanOut(clients, { channelType: 3, channelId: "everyone" });
    for (const client of clients) client.close();
    return result;
  });
}

async function measureOpenChannel(openChannelConnections: number) {
  return withServer(async (server) => {
    const userIds = Array.from({ length: openChannelConnections }, (_, index) => `u${index}`);
    const { app, tokenFor } = await createBenchApp(server, userIds, ["clientMessagesPerSecond=1000"]);
    await callApi(server, app, "/v4/open-channel/create", { channelId: "stage" });
    const clients = await connectMany(openChannelConnections, async (index) => {
      const client = await connectRaw(server.wsUrl, tokenFor(`u${index}`));
      await client.rpc("openChannel.join", { channelId: "stage", historyCount: 0 });
      return client;
    });
    const result = await measureFanOut(clients, { channelType: 4, channelId: "stage" });
    for (const client of clients) client.close();
    return result;
  });
}

const pairing = `${process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"}+${process.env.SWITCHBOARD_TEST_BUS ?? "memory"}`;
const scenarios = [
  { name: `group fan-out (${pairing})`, members: `${groupMembers}-member group, all online`, target: { channelType: 3, channelId: "everyone" }, connections: groupMembers, measure: measureGroup },
  ...openChannelSizes.map((connections) => ({
    name: `open channel fan-out, ${connections} connections (${pairing})`,
    members: `${connections} connections in one open channel`,
    target: { channelType: 4, channelId: "stage" },
    connections,
    measure: () => measureOpenChannel(connections),
  })),
];
for (const scenario of scenarios) {
  const baseline = await measureRelay(scenario.connections, scenario.target);
  const switchboard = await scenario.measure();
  saveResults(
    scenario.name,
    `${scenario.members}; one sender sends ${messages} messages (${inFlight} in flight), every other connection receives each. Lean Centrifuge JSON clients in one load-generator process on the same 2-core machine. ` +
      `Baseline: a bare ws broadcast of the same frames (data serialized once, framed per recipient). Ratio = Switchboard deliveries/s ÷ baseline deliveries/s.`,
    [
      { system: "bare ws broadcast (baseline)", ...baseline, ratio: 1 },
      { system: "Switchboard", ...switchboard, ratio: round(switchboard["deliveries/s"] / baseline["deliveries/s"], 3) },
    ],
  );
}
process.exit(0);
