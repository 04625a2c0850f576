import type { ChannelTypeNumber } from "../../../contract";
import { db, type Tx } from "../../../db/client";
import { metrics } from "../../../metrics";
import { withExistingApps } from "../apps/find-apps";

/** Names of the per-app usage counts (UsageCount rows). */
export type UsageName =
  /** Messages sent, by the channel type's contract number. */
  | `messages.${ChannelTypeNumber}`
  /** Send latency histogram: messages answered within `le` milliseconds (see latency-histogram.ts). */
  | `messageLatency.le.${string}`
  /** Platform API calls by HTTP status and endpoint path. */
  | `api.${number}.${string}`
  /** Webhook attempts that succeeded or failed, and deliveries given up after the retry period. */
  | `webhooks.${"delivered" | "attemptFailed" | "gaveUp"}`
  | "activeUsers"
  | "openChannelMessagesDropped"
  /** Messages deleted because they were older than the app keeps history. */
  | "messagesExpired"
  /** Conversations removed after the app's inactivity period. */
  | "conversationsRemoved"
  /** Offline push outcomes per provider, and pushes dropped because the node's push queue was full. */
  | `push.${"fcm" | "apns" | "webhook"}.${"delivered" | "failed" | "tokenGone"}`
  | "push.queueFull";

export type Span = "hour" | "day" | "month";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The first instant of the UTC hour, day or month holding `time`. */
export function spanStart(span: Span, time: number): Date {
  if (span === "hour") return new Date(time - (time % hourMs));
  if (span === "day") return new Date(time - (time % dayMs));
  const date = new Date(time);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** Hour rows are kept two weeks (the charts of short ranges); day and month rows are kept. */
const hourRowsKeptMs = 14 * dayMs;

/**
 * Counted in memory and added to the database by `saveUsageCounts` every few seconds:
 * counting costs no write per event (a message, a call, a dropped publication).
 */
type Pending = Map<string, { appId: string; name: UsageName; hour: number; count: number }>;
// On globalThis: Next's route handlers count in their own module instance of this file, server.ts saves.
const key = Symbol.for("switchboard.usageCounts");
const globals = globalThis as typeof globalThis & { [key]?: Pending };
const pending: Pending = (globals[key] ??= new Map());

export function countUsage(appId: string, name: UsageName, by = 1): void {
  countInHour({ appId, name, hour: spanStart("hour", Date.now()).getTime(), count: by });
  countInMetrics(name, by);
}

/** Outcomes counted per app here are also this node's Prometheus counters (lib/metrics.ts), summed over apps. */
function countInMetrics(name: UsageName, by: number) {
  const [area, first, second] = name.split(".");
  if (area === "webhooks") metrics.webhookDeliveries.inc({ outcome: snakeCase(first!) }, by);
  else if (name === "push.queueFull") metrics.pushes.inc({ provider: "none", outcome: "queue_full" }, by);
  else if (area === "push") metrics.pushes.inc({ provider: first, outcome: snakeCase(second!) }, by);
  else if (name === "openChannelMessagesDropped") metrics.openChannelDrops.inc(by);
}

const snakeCase = (word: string) => word.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function countInHour(counted: { appId: string; name: UsageName; hour: number; count: number }) {
  const entryKey = `${counted.appId}\n${counted.name}\n${counted.hour}`;
  const entry = pending.get(entryKey);
  if (entry) entry.count += counted.count;
  else pending.set(entryKey, { ...counted });
}

/** Adds what was counted since the last call to its hour and day rows, in one transaction. */
export async function saveUsageCounts(): Promise<void> {
  const counted = [...pending.values()];
  pending.clear();
  if (counted.length === 0) return;
  const entries = await withExistingApps(counted).catch((error: unknown) => {
    for (const entry of counted) countInHour(entry);
    throw error;
  });
  try {
    await db.$transaction(
      entries.flatMap(({ appId, name, hour, count }) => [addToUsageCount({ appId, span: "hour", start: new Date(hour), name }, count), addToUsageCount({ appId, span: "day", start: spanStart("day", hour), name }, count)]),
    );
  } catch (error) {
    // Counted again on the next save.
    for (const entry of entries) countInHour(entry);
    throw error;
  }
}

export function addToUsageCount(row: { appId: string; span: Span; start: Date; name: UsageName }, count: number, client: Tx = db) {
  return client.usageCount.upsert({ where: { appId_span_start_name: row }, create: { ...row, count }, update: { count: { increment: count } } });
}

/** Drops hour rows past their two weeks (every node; deletes are idempotent). */
export async function pruneUsageCounts(now = Date.now()): Promise<void> {
  await db.usageCount.deleteMany({ where: { span: "hour", start: { lt: new Date(now - hourRowsKeptMs) } } });
}
