// A soak (npm run bench:soak; not part of npm run bench, nor of CI): BENCH_SOAK_MINUTES (10) of
// mixed load on one node: direct messages, a group, an open channel, Platform API sends, webhooks
// to a slow receiver and clients that keep reconnecting. Every 10 s it samples the server's memory,
// event-loop lag and webhook outbox depth (its /metrics); the report gives each one's growth per
// minute after the warm-up, which should be flat: the slope through each minute's median, so that
// one slow sample or a collection's timing does not read as a trend. The heap is the live set
// (in use after the last full collection): the used heap rises and falls with garbage.
import { createServer } from "node:http";
import WebSocket from "ws";
import { SwitchboardClient } from "@switchboard/sdk";
import { addWebhookEndpoint, callApi, issueToken, setAppSettings } from "../test/support/platform-api";
import { parsePrometheusText, sampleValue } from "../test/support/prometheus-text";
import { startTestServer } from "../test/support/test-server";
import { createBenchApp } from "./lib/bench-app";
import { saveResults } from "./lib/results";
import { percentile, round } from "./lib/stats";

const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const warmUpMinutes = Math.min(2, minutes / 5);
const sampleSeconds = 10;
const metricsToken = "soak-metrics-token-0123456789";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A webhook receiver that takes 300 ms to answer each delivery. */
async function startSlowReceiver() {
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on("end", () => setTimeout(() => (received++, response.end("ok")), 300));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/webhook`, received: () => received, close: () => receiver.close() };
}

/** Calls `work` `perSecond` times a second until `until()`, one call at a time per loop: counts outcomes. */
function repeat(perSecond: number, until: () => boolean, work: (index: number) => Promise<unknown>) {
  const outcome = { done: 0, failed: 0 };
  const loop = (async () => {
    for (let index = 0; !until(); index++) {
      const started = Date.now();
      await work(index).then(() => outcome.done++, () => outcome.failed++);
      await sleep(Math.max(0, 1000 / perSecond - (Date.now() - started)));
    }
  })();
  return { outcome, loop };
}

const server = await startTestServer({ env: { SWITCHBOARD_METRICS_TOKEN: metricsToken } });
const receiver = await startSlowReceiver();
try {
  const userIds = Array.from({ length: 200 }, (_, index) => `u${index}`);
  const { app } = await createBenchApp(server, userIds);
  await setAppSettings(server, app, { clientMessagesPerSecond: 100, apiRateLimits: { "/v4/direct-channel/message/send": 10_000 } });
  await addWebhookEndpoint(server, app, { url: receiver.url, events: [], style: "v4" });
  // Five groups of ten and five open channels of fourteen, each with a message a second: an
  // order key (a channel) gets at most 1 / 0.3 s deliveries a second from a receiver answering in 300 ms.
  for (let group = 0; group < 5; group++) {
    await callApi(server, app, "/v4/group-channel/create", { channelId: `soak-group-${group}`, name: "Soak", owner: `u${group * 10}`, userIds: userIds.slice(group * 10, group * 10 + 10) });
    await callApi(server, app, "/v4/open-channel/create", { channelId: `soak-open-${group}` });
  }
  const connect = async (userId: string) => {
    const client = new SwitchboardClient({ url: server.wsUrl, token: await issueToken(server, app, userId), websocket: WebSocket });
    await client.connect();
    return client;
  };
  const clients = await Promise.all(userIds.slice(0, 120).map(connect));
  await Promise.all(clients.slice(50, 120).map((client, index) => client.joinOpenChannel({ channelId: `soak-open-${index % 5}` })));

  const endsAt = Date.now() + minutes * 60_000;
  const over = () => Date.now() >= endsAt;
  const loads = {
    // 20 senders, 2 direct messages a second each, to the next 20 users.
    direct: clients.slice(0, 20).map((client, sender) => repeat(2, over, (index) => client.sendDirectMessage({ to: `u${sender + 20}`, text: `d${index}` }))),
    group: [0, 1, 2, 3, 4].map((group) => repeat(1, over, (index) => clients[group * 10 + (index % 10)]!.sendGroupMessage({ groupId: `soak-group-${group}`, text: `g${index}` }))),
    open: [0, 1, 2, 3, 4].map((channel) => repeat(1, over, (index) => clients[50 + channel + 5 * (index % 14)]!.sendOpenChannelMessage({ channelId: `soak-open-${channel}`, text: `o${index}` }))),
    api: [repeat(20, over, (index) => callApi(server, app, "/v4/direct-channel/message/send", { fromUserId: "u150", toUserIds: [`u${index % 100}`], messageType: "RC:TxtMsg", content: JSON.stringify({ content: `a${index}` }) }))],
    // 40 users who connect, stay 5 s and go, over and over.
    reconnecting: userIds.slice(120, 160).map((userId) => repeat(0.2, over, async () => (await connect(userId)).disconnect())),
  };

  const samples: Sample[] = [];
  const started = Date.now();
  while (!over()) {
    await sleep(sampleSeconds * 1000);
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const families = parsePrometheusText(await response.text());
    const value = (name: string) => sampleValue(families, name);
    samples.push({
      minute: round((Date.now() - started) / 60_000, 2),
      rssMiB: round(value("process_resident_memory_bytes") / 2 ** 20, 1),
      liveHeapMiB: round(value("switchboard_heap_after_full_gc_bytes") / 2 ** 20, 1),
      heapTotalMiB: round(value("nodejs_heap_size_total_bytes") / 2 ** 20, 1),
      externalMiB: round(value("nodejs_external_memory_bytes") / 2 ** 20, 1),
      lagP99Ms: round(value("nodejs_eventloop_lag_p99_seconds") * 1000, 1),
      outboxDepth: value("switchboard_webhook_outbox_depth"),
    });
    console.log(JSON.stringify(samples.at(-1)));
  }
  const all = Object.values(loads).flat();
  await Promise.all(all.map((load) => load.loop));
  for (const client of clients) client.disconnect();

  const growth = (figure: Figure) => growthPerMinute(samples.filter((sample) => sample.minute >= warmUpMinutes), figure);
  const totals = Object.fromEntries(Object.entries(loads).map(([name, runs]) => [name, runs.reduce((sum, run) => sum + run.outcome.done, 0)]));
  const failed = all.reduce((sum, run) => sum + run.outcome.failed, 0);
  const last = samples.at(-1)!;
  const pairing = `${process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"}+${process.env.SWITCHBOARD_TEST_BUS ?? "memory"}`;
  saveResults(
    `soak, ${minutes} minutes (${pairing})`,
    `${minutes} minutes of mixed load on one node, with the load generator on the same 2-core machine: 20 clients sending 2 direct messages a second each, five 10-member groups and five open channels of 14 participants (a message a second each), Platform API direct sends (20/s), 40 users connecting for 5 s over and over, and every event to a webhook receiver that answers in 300 ms. Sampled every ${sampleSeconds} s from the server's /metrics; growth is the least-squares slope per minute after the first ${warmUpMinutes} minutes, through each minute's median, which should be about 0. Operations done: ${JSON.stringify(totals)}, failed: ${failed}; webhook deliveries received: ${receiver.received()}.`,
    [
      { figure: "resident memory, MiB", "at the end": last.rssMiB, "growth per minute after warm-up": growth("rssMiB") },
      { figure: "JS heap live after full GC, MiB", "at the end": last.liveHeapMiB, "growth per minute after warm-up": growth("liveHeapMiB") },
      { figure: "JS heap reserved, MiB", "at the end": last.heapTotalMiB, "growth per minute after warm-up": growth("heapTotalMiB") },
      { figure: "memory outside the JS heap (buffers, native), MiB", "at the end": last.externalMiB, "growth per minute after warm-up": growth("externalMiB") },
      { figure: "event-loop lag p99, ms", "at the end": last.lagP99Ms, "growth per minute after warm-up": growth("lagP99Ms") },
      { figure: "webhook outbox depth", "at the end": last.outboxDepth, "growth per minute after warm-up": growth("outboxDepth") },
    ],
  );
} finally {
  receiver.close();
  await server.close();
}

type Sample = { minute: number; rssMiB: number; liveHeapMiB: number; heapTotalMiB: number; externalMiB: number; lagP99Ms: number; outboxDepth: number };
type Figure = Exclude<keyof Sample, "minute">;

/** Least-squares slope per minute through each whole minute's median of `figure`. */
function growthPerMinute(samples: Sample[], figure: Figure): number {
  const byMinute = new Map<number, number[]>();
  for (const sample of samples) byMinute.set(Math.floor(sample.minute), [...(byMinute.get(Math.floor(sample.minute)) ?? []), sample[figure]]);
  const points = [...byMinute].map(([minute, values]) => ({ x: minute, y: percentile(values, 0.5) }));
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return round(covariance / variance, 3);
}
