import { z } from "zod";
import { db } from "../../../db/client";
import { ChannelType } from "../channels/channel-types";
import { parseInput } from "../errors";
import { activityPeriod } from "./active-users";
import { connectionReportMaxAgeMs } from "./connection-counts";
import { latencyBound, percentile } from "./latency-histogram";
import { type Span, spanStart } from "./usage-counts";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The console's time ranges: the last 24 hours by hour, or the last days by day (UTC). */
export const analyticsRanges = {
  "24h": { span: "hour", buckets: 24 },
  "7d": { span: "day", buckets: 7 },
  "30d": { span: "day", buckets: 30 },
  "90d": { span: "day", buckets: 90 },
} as const satisfies Record<string, { span: Span; buckets: number }>;
export const analyticsRangeSchema = z.enum(Object.keys(analyticsRanges) as [keyof typeof analyticsRanges, ...(keyof typeof analyticsRanges)[]]);
export type AnalyticsRange = z.infer<typeof analyticsRangeSchema>;

const channelTypeNames = Object.fromEntries(Object.entries(ChannelType).map(([name, number]) => [number, name])) as Record<number, keyof typeof ChannelType>;

type ChannelTypeName = keyof typeof ChannelType;

/** One bucket of the charts; counts are 0 where nothing happened. */
export type AnalyticsBucket = {
  start: string;
  messages: Record<ChannelTypeName, number>;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  apiCalls: number;
  apiErrors: number;
  webhooksDelivered: number;
  webhookAttemptsFailed: number;
  webhooksGaveUp: number;
  /** Open-channel messages refused because their channel was over capacity (low priority first). */
  openChannelMessagesDropped: number;
  /** Messages deleted past the app's history retention. */
  messagesExpired: number;
  /** Conversations removed after the app's inactivity period. */
  conversationsRemoved: number;
  /** Push notifications by provider: delivered, failed for good, and tokens a service called gone (forgotten). */
  pushes: Record<PushProvider, PushOutcomes>;
  peakConnections: number;
};

const pushProviders = ["fcm", "apns", "webhook"] as const;
type PushProvider = (typeof pushProviders)[number];
type PushOutcomes = { delivered: number; failed: number; tokenGone: number };

/** The charts of the Analytics page over a range, from the rollups only. */
export async function getAnalytics(input: { appId: string; range: unknown; now?: number }) {
  const range = parseInput(analyticsRangeSchema, input.range);
  const now = input.now ?? Date.now();
  const { span, buckets: count } = analyticsRanges[range];
  const starts = bucketStarts(span, count, now);
  const [{ buckets, latency }, endpoints, activeUsers] = await Promise.all([
    readBuckets(input.appId, span, starts),
    apiCallsByEndpoint(input.appId, span, starts[0]!),
    readActiveUsers(input.appId, bucketStarts("day", daysSince(starts[0]!, now), now), now),
  ]);
  return { range, span, buckets, latencyMs: latencyPercentiles(latency), endpoints, activeUsers };
}

/** The Overview's figures: today so far, now, and 14 days (connections: 24 hours) of trend. */
export async function getOverview(input: { appId: string; now?: number }) {
  const now = input.now ?? Date.now();
  const days = bucketStarts("day", 14, now);
  const [{ buckets: daily }, { buckets: hourly }, activeUsers, connectedNow] = await Promise.all([
    readBuckets(input.appId, "day", days),
    readBuckets(input.appId, "hour", bucketStarts("hour", 24, now)),
    readActiveUsers(input.appId, days, now),
    connectionsNow(input.appId, now),
  ]);
  const today = daily.at(-1)!;
  return {
    messagesToday: sumMessages(today),
    activeUsersToday: activeUsers.daily.at(-1)!.count,
    connectedNow,
    apiCallsToday: today.apiCalls,
    apiErrorRateToday: ratio(today.apiErrors, today.apiCalls),
    webhookSuccessRateToday: ratio(today.webhooksDelivered, today.webhooksDelivered + today.webhookAttemptsFailed),
    trends: {
      messages: daily.map((bucket) => ({ start: bucket.start, value: sumMessages(bucket) })),
      activeUsers: activeUsers.daily.map((day) => ({ start: day.start, value: day.count })),
      peakConnections: hourly.map((bucket) => ({ start: bucket.start, value: bucket.peakConnections })),
      apiCalls: daily.map((bucket) => ({ start: bucket.start, value: bucket.apiCalls })),
      apiErrorRate: daily.map((bucket) => ({ start: bucket.start, value: ratio(bucket.apiErrors, bucket.apiCalls) })),
      webhookSuccessRate: daily.map((bucket) => ({ start: bucket.start, value: ratio(bucket.webhooksDelivered, bucket.webhooksDelivered + bucket.webhookAttemptsFailed) })),
    },
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const sumMessages = (bucket: AnalyticsBucket) => Object.values(bucket.messages).reduce((sum, count) => sum + count, 0);

/** The `count` bucket starts of `span` ending with the one holding `now`, oldest first. */
function bucketStarts(span: "hour" | "day", count: number, now: number): Date[] {
  const last = spanStart(span, now).getTime();
  const size = span === "hour" ? hourMs : dayMs;
  return Array.from({ length: Math.max(count, 1) }, (_, index) => new Date(last - (count - 1 - index) * size));
}

/** How many UTC days, today included, the time from `start` to `now` touches. */
const daysSince = (start: Date, now: number) => Math.round((spanStart("day", now).getTime() - spanStart("day", start.getTime()).getTime()) / dayMs) + 1;

/** The buckets from `starts`, and the send latency histogram of them all. */
async function readBuckets(appId: string, span: "hour" | "day", starts: Date[]): Promise<{ buckets: AnalyticsBucket[]; latency: Map<number, number> }> {
  const [rows, peaks] = await Promise.all([
    db.usageCount.findMany({ where: { appId, span, start: { gte: starts[0] } }, select: { start: true, name: true, count: true } }),
    peakConnections(appId, span, starts[0]!),
  ]);
  const buckets = new Map(starts.map((start) => [start.getTime(), { bucket: emptyBucket(start), latency: new Map<number, number>() }]));
  for (const row of rows) {
    const entry = buckets.get(row.start.getTime());
    if (entry) addCount(entry, row.name, row.count);
  }
  const overall = new Map<number, number>();
  for (const { latency } of buckets.values()) for (const [bound, count] of latency) overall.set(bound, (overall.get(bound) ?? 0) + count);
  return {
    buckets: [...buckets.values()].map(({ bucket, latency }) => ({ ...bucket, latencyMs: latencyPercentiles(latency), peakConnections: peaks.get(new Date(bucket.start).getTime()) ?? 0 })),
    latency: overall,
  };
}

const latencyPercentiles = (histogram: ReadonlyMap<number, number>) => ({ p50: percentile(histogram, 0.5), p95: percentile(histogram, 0.95), p99: percentile(histogram, 0.99) });

function emptyBucket(start: Date): AnalyticsBucket {
  return {
    start: start.toISOString(),
    messages: Object.fromEntries(Object.keys(ChannelType).map((name) => [name, 0])) as Record<ChannelTypeName, number>,
    latencyMs: { p50: null, p95: null, p99: null },
    apiCalls: 0,
    apiErrors: 0,
    webhooksDelivered: 0,
    webhookAttemptsFailed: 0,
    webhooksGaveUp: 0,
    openChannelMessagesDropped: 0,
    messagesExpired: 0,
    conversationsRemoved: 0,
    pushes: Object.fromEntries(pushProviders.map((provider) => [provider, { delivered: 0, failed: 0, tokenGone: 0 }])) as AnalyticsBucket["pushes"],
    peakConnections: 0,
  };
}

function addCount(entry: { bucket: AnalyticsBucket; latency: Map<number, number> }, name: string, count: number) {
  const { bucket } = entry;
  const bound = latencyBound(name);
  if (bound !== undefined) entry.latency.set(bound, (entry.latency.get(bound) ?? 0) + count);
  else if (name.startsWith("messages.")) {
    const channelType = channelTypeNames[Number(name.slice("messages.".length))];
    if (channelType) bucket.messages[channelType] += count;
  } else if (name.startsWith("api.")) {
    bucket.apiCalls += count;
    if (apiCallName(name).status >= 400) bucket.apiErrors += count;
  } else if (name === "webhooks.delivered") bucket.webhooksDelivered += count;
  else if (name === "webhooks.attemptFailed") bucket.webhookAttemptsFailed += count;
  else if (name === "webhooks.gaveUp") bucket.webhooksGaveUp += count;
  else if (name === "openChannelMessagesDropped") bucket.openChannelMessagesDropped += count;
  else if (name === "messagesExpired") bucket.messagesExpired += count;
  else if (name === "conversationsRemoved") bucket.conversationsRemoved += count;
  else if (name.startsWith("push.")) {
    const [, provider, outcome] = name.split(".") as [string, PushProvider, keyof PushOutcomes];
    if (bucket.pushes[provider] && outcome in bucket.pushes[provider]) bucket.pushes[provider][outcome] += count;
  }
}

/** "api.<status>.<path>": paths may hold dots (form API paths end in .json). */
function apiCallName(name: string) {
  const statusEnd = name.indexOf(".", "api.".length);
  return { status: Number(name.slice("api.".length, statusEnd)), path: name.slice(statusEnd + 1) };
}

/** Calls per endpoint over the range, by status class, most called first. */
async function apiCallsByEndpoint(appId: string, span: Span, from: Date) {
  const rows = await db.usageCount.groupBy({ by: ["name"], where: { appId, span, start: { gte: from }, name: { startsWith: "api." } }, _sum: { count: true } });
  const byPath = new Map<string, { path: string; total: number; "2xx": number; "4xx": number; "5xx": number }>();
  for (const row of rows) {
    const { status, path } = apiCallName(row.name);
    const entry = byPath.get(path) ?? { path, total: 0, "2xx": 0, "4xx": 0, "5xx": 0 };
    const calls = row._sum.count ?? 0;
    entry.total += calls;
    entry[status >= 500 ? "5xx" : status >= 400 ? "4xx" : "2xx"] += calls;
    byPath.set(path, entry);
  }
  return [...byPath.values()].sort((a, b) => b.total - a.total || a.path.localeCompare(b.path));
}

/** Peak concurrent connections per bucket: per hour the nodes' peaks added up, then the highest hour. */
async function peakConnections(appId: string, span: "hour" | "day", from: Date): Promise<Map<number, number>> {
  const rows = await db.connectionCount.groupBy({ by: ["hour"], where: { appId, hour: { gte: from } }, _sum: { peak: true } });
  const peaks = new Map<number, number>();
  for (const row of rows) {
    const bucket = spanStart(span, row.hour.getTime()).getTime();
    peaks.set(bucket, Math.max(peaks.get(bucket) ?? 0, row._sum.peak ?? 0));
  }
  return peaks;
}

/** Connections now: each live node's latest report, added up. */
async function connectionsNow(appId: string, now: number): Promise<number> {
  const reports = await db.connectionCount.findMany({
    where: { appId, hour: { gte: new Date(now - 2 * hourMs) }, reportedAt: { gte: new Date(now - connectionReportMaxAgeMs) } },
    orderBy: { reportedAt: "desc" },
    select: { nodeId: true, current: true },
  });
  const latest = new Map<string, number>();
  for (const report of reports) if (!latest.has(report.nodeId)) latest.set(report.nodeId, report.current);
  return [...latest.values()].reduce((sum, count) => sum + count, 0);
}

/**
 * Daily active users for the given days and monthly active users for the months they touch:
 * ended periods from their rolled-up counts, periods still open (or not rolled up yet) from
 * their rows.
 */
async function readActiveUsers(appId: string, days: Date[], now: number) {
  const months = [...new Set(days.map((day) => spanStart("month", day.getTime()).getTime()))].map((time) => new Date(time));
  const periods = [...days.map((day) => activityPeriod("day", day.getTime())), ...months.map((month) => activityPeriod("month", month.getTime()))];
  const [rolledUp, open] = await Promise.all([
    db.usageCount.findMany({ where: { appId, name: "activeUsers", OR: [{ span: "day", start: { in: days } }, { span: "month", start: { in: months } }] }, select: { span: true, start: true, count: true } }),
    db.activeUser.groupBy({ by: ["period"], where: { appId, period: { in: periods } }, _count: { _all: true } }),
  ]);
  const openCount = new Map(open.map((row) => [row.period, row._count._all]));
  const count = (span: "day" | "month", start: Date) =>
    (openCount.get(activityPeriod(span, start.getTime())) ?? 0) + (rolledUp.find((row) => row.span === span && row.start.getTime() === start.getTime())?.count ?? 0);
  return {
    daily: days.filter((day) => day.getTime() <= now).map((day) => ({ start: day.toISOString(), count: count("day", day) })),
    monthly: months.map((month) => ({ start: month.toISOString(), count: count("month", month) })),
  };
}
