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

/** A light, steady load, for the CPU a message costs when batches are small. */
const lightRate = 100;

/**
 * Closed loop as fast as acknowledged, then open loop at half the rate reached (and at
 * `targetRate`, half the target's 50 % of the relay) for the latency of a server with headroom.
 */
async function measureSwitchboard(targetRate: number) {
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
    const load = (messagesPerSecond?: number, messagesPerSender = options.messagesPerSender) =>
      runDirectLoad({ ...options, messagesPerSender, messagesPerSecond, url: server.wsUrl, serverPids: [server.process.pid!], tokenFor });
    const full = await load();
    const half = Math.round(full["messages/s"] / 2);
    return {
      full,
      half: { rate: half, figures: await load(half) },
      target: { rate: targetRate, figures: await load(targetRate) },
      // 10 s of it.
      light: { rate: lightRate, figures: await load(lightRate, (lightRate * 10) / options.pairs) },
    };
  } finally {
    await server.close();
  }
}

async function measureRelay() {
  const relay = await startRelay();
  try {
    return await runDirectLoad({ ...options, url: relay.url, serverPids: [relay.process.pid!], tokenFor: async (userId) => userId });
  } finally {
    relay.stop();
  }
}

const pairing = `${process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"}+${process.env.SWITCHBOARD_TEST_BUS ?? "memory"}`;
const baseline = await measureRelay();
const switchboard = await measureSwitchboard(Math.round(baseline["messages/s"] / 4));
const ratio = (figures: { "messages/s": number }) => round(figures["messages/s"] / baseline["messages/s"], 3);
saveResults(
  `direct-messages (${pairing})`,
  `${options.pairs} sender/receiver pairs of lean clients (raw Centrifuge JSON frames over ws, no SDK, the same for both sides), ${options.messagesPerSender} messages per sender, on one 2-core machine with the load generator. ` +
    `Switchboard (${pairing}) stores each message before acknowledging it; the baseline, a bare ws relay, parses each frame once and writes the delivery and the acknowledgement. ` +
    `Full load: ${options.inFlightPerSender} sends in flight per sender, as fast as acknowledged. Paced: the senders together send at a fixed rate (open loop), ` +
    `half the rate Switchboard reached, a quarter of the relay's (half of the target, 50 % of the relay), and 100/s. Server CPU ms/message: user + system time of the serving process over the run ÷ messages delivered. Ratio = messages/s ÷ baseline messages/s.`,
  [
    { system: "bare ws relay (baseline), full load", ...baseline, ratio: 1 },
    { system: "Switchboard, full load", ...switchboard.full, ratio: ratio(switchboard.full) },
    { system: `Switchboard, paced at ${switchboard.half.rate}/s (half its full-load rate)`, ...switchboard.half.figures, ratio: ratio(switchboard.half.figures) },
    { system: `Switchboard, paced at ${switchboard.target.rate}/s (a quarter of the relay's)`, ...switchboard.target.figures, ratio: ratio(switchboard.target.figures) },
    { system: `Switchboard, paced at ${switchboard.light.rate}/s`, ...switchboard.light.figures, ratio: ratio(switchboard.light.figures) },
  ],
);
