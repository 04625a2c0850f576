import { constants, type NodeGCPerformanceDetail, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * This node's Prometheus metrics, every one declared here (served at GET /metrics by
 * lib/operations). Counting is in memory and cheap: a labelled increment per event. Values
 * read only when scraped (connections, queue depths) come from `measuredAtScrape`.
 * Per-app figures stay in the console's Analytics; labels here never name an app or a user.
 */
function createMetrics() {
  const registry = new Registry();
  // Event-loop lag, process memory and CPU, heap spaces, handles.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const fromScrape: { connections?: () => Map<string, number>; webhookOutboxDepth?: () => Promise<number>; pushQueueDepth?: () => number } = {};

  return {
    registry,
    /** Sources of the values read at scrape time, set by whoever holds them. */
    measuredAtScrape: fromScrape,
    connections: new Gauge({
      name: "switchboard_connections",
      help: "Authenticated client connections open on this node, by platform category",
      labelNames: ["platform"],
      registers,
      collect() {
        this.reset();
        for (const [platform, count] of fromScrape.connections?.() ?? []) this.set({ platform }, count);
      },
    }),
    messagesStored: new Counter({ name: "switchboard_messages_stored_total", help: "Messages stored, by channel type (the contract's number)", labelNames: ["channel_type"], registers }),
    writerBatchSize: new Histogram({
      name: "switchboard_writer_batch_size",
      help: "Messages in each group-committed batch of the message writer",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    }),
    writerCommitSeconds: new Histogram({
      name: "switchboard_writer_commit_seconds",
      help: "Time from a batch's start to its durable commit",
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    apiCalls: new Counter({ name: "switchboard_api_calls_total", help: "Platform API calls answered, by endpoint path and HTTP status", labelNames: ["endpoint", "status"], registers }),
    apiCallSeconds: new Histogram({
      name: "switchboard_api_call_seconds",
      help: "Platform API call latency, from the request to its answer",
      labelNames: ["endpoint"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    gatewayRpcs: new Counter({
      name: "switchboard_gateway_rpc_total",
      help: "Gateway RPC calls, by method and result (ok, or the error code)",
      labelNames: ["method", "result"],
      registers,
    }),
    webhookOutboxDepth: new Gauge({
      name: "switchboard_webhook_outbox_depth",
      help: "Webhook events waiting for delivery (every node's: the outbox is shared)",
      registers,
      async collect() {
        this.set((await fromScrape.webhookOutboxDepth?.()) ?? 0);
      },
    }),
    webhookDeliveries: new Counter({
      name: "switchboard_webhook_deliveries_total",
      help: "Webhook delivery attempts by outcome: delivered, attempt_failed; gave_up when the retry period ran out",
      labelNames: ["outcome"],
      registers,
    }),
    webhookSeconds: new Histogram({
      name: "switchboard_webhook_delivery_seconds",
      help: "Time an app's webhook endpoint took to answer an attempt",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    pushQueueDepth: new Gauge({
      name: "switchboard_push_queue_depth",
      help: "Offline pushes waiting on this node",
      registers,
      collect() {
        this.set(fromScrape.pushQueueDepth?.() ?? 0);
      },
    }),
    pushes: new Counter({
      name: "switchboard_push_total",
      help: "Offline pushes by provider and outcome (delivered, failed, token_gone; queue_full: dropped before sending)",
      labelNames: ["provider", "outcome"],
      registers,
    }),
    busReconnects: new Counter({ name: "switchboard_bus_reconnects_total", help: "Times the Redis bus got its subscriptions back after losing its connection", registers }),
    heapAfterFullGc: heapAfterFullGcGauge(registers),
    openChannelDrops: new Counter({ name: "switchboard_open_channel_drops_total", help: "Open-channel messages refused because the channel was over its capacity", registers }),
  };
}

/**
 * The heap in use just after the last full collection: the live set. The used heap that
 * prom-client reports rises and falls with garbage; only this one rising says a leak.
 */
function heapAfterFullGcGauge(registers: Registry[]) {
  const gauge = new Gauge({ name: "switchboard_heap_after_full_gc_bytes", help: "JS heap in use right after the last full garbage collection (the live set)", registers });
  new PerformanceObserver((entries) => {
    // A gc entry carries its kind in `detail`, which Node's types leave out.
    const full = entries.getEntries().some((entry) => (entry as unknown as { detail: NodeGCPerformanceDetail }).detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (full) gauge.set(getHeapStatistics().used_heap_size);
  }).observe({ entryTypes: ["gc"] });
  return gauge;
}

export type Metrics = ReturnType<typeof createMetrics>;

// One set per process: Next's route handlers load their own copy of this module and count here too.
const key = Symbol.for("switchboard.metrics");
const globals = globalThis as typeof globalThis & { [key]?: Metrics };

export const metrics: Metrics = (globals[key] ??= createMetrics());
