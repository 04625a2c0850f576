// Direct messages end to end (send, stored, delivered, acknowledged) through the gateway,
// against a bare `ws` relay of the same frames as the baseline, both in their own process.
import { callApi, createTestApp } from "../test/support/platform-api";
import { startTestServer } from "../test/support/test-server";
import { runDirectLoad } from "./lib/direct-load";
import { startRelay } from "./lib/relay-process";
import { saveResults } from "./lib/results";
import { round } from "./lib/stats";

const options = {
  pairs: Number(process.env.BENCH_PAIRS ?? 50),
  messagesPerSender: Number(process.env.BENCH_MESSAGES ?? 200),
  inFlightPerSender: Number(process.env.BENCH_IN_FLIGHT ?? 4),
};

async function measureSwitchboard() {
  const server = await startTestServer();
  try {
    // Production: a development app holds at most 100 users.
    const app = await createTestApp(server, "bench", "production");
    // Each sender keeps several messages in flight: lift the per-client send rate (5/s by default).
    await server.cli(["apps", "settings", "set", "--app", app.appKey, "clientMessagesPerSecond=1000"]);
    const tokenFor = async (userId: string) => {
      const { body } = await callApi(server, app, "/v4/auth/access-token/issue", { userId, name: userId });
      return (body.result as { accessToken: string }).accessToken;
    };
    return await runDirectLoad({ ...options, url: server.wsUrl, tokenFor });
  } finally {
    await server.close();
  }
}

async function measureRelay() {
  const relay = await startRelay();
  try {
    return await runDirectLoad({ ...options, url: relay.url, tokenFor: async (userId) => userId });
  } finally {
    relay.stop();
  }
}

const pairing = `${process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"}+${process.env.SWITCHBOARD_TEST_BUS ?? "memory"}`;
const baseline = await measureRelay();
const switchboard = await measureSwitchboard();
const ratio = round(switchboard["messages/s"] / baseline["messages/s"], 3);
saveResults(
  `direct-messages (${pairing})`,
  `${options.pairs} sender/receiver pairs of SDK clients, ${options.messagesPerSender} messages per sender, ${options.inFlightPerSender} in flight each, on one 2-core machine with the load generator. ` +
    `Switchboard (${pairing}) stores each message before acknowledging it; the baseline relays the same frames without storage. ` +
    `Ratio = Switchboard messages/s ÷ baseline messages/s.`,
  [
    { system: "bare ws relay (baseline)", ...baseline, ratio: 1 },
    { system: "Switchboard", ...switchboard, ratio },
  ],
);
