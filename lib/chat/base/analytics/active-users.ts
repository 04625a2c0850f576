import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { addToUsageCount, type Span, spanStart } from "./usage-counts";

/** A user's activity periods: "day:2026-11-24" and "month:2026-11" (UTC). */
export function activityPeriod(span: "day" | "month", time: number): string {
  return `${span}:${new Date(time).toISOString().slice(0, span === "day" ? 10 : 7)}`;
}

/**
 * Users seen connecting today on this node: a reconnect writes nothing. `unsaved` waits
 * for `saveActiveUsers` (server.ts, every few seconds).
 */
type Seen = { day: string; users: Set<string>; unsaved: { appId: string; userId: string; time: number }[] };
// On globalThis: one record per process, whichever module instance marks.
const key = Symbol.for("switchboard.activeUsers");
const globals = globalThis as typeof globalThis & { [key]?: Seen };
const seen: Seen = (globals[key] ??= { day: "", users: new Set(), unsaved: [] });

export function markActive(appId: string, userId: string, now = Date.now()): void {
  const day = activityPeriod("day", now);
  if (seen.day !== day) {
    seen.day = day;
    seen.users.clear();
  }
  const userKey = `${appId}\n${userId}`;
  if (seen.users.has(userKey)) return;
  seen.users.add(userKey);
  seen.unsaved.push({ appId, userId, time: now });
}

/** Writes the users marked since the last call: one row per user and period, whatever the node. */
export async function saveActiveUsers(): Promise<void> {
  const marked = seen.unsaved.splice(0);
  const byPeriod = new Map<string, { appId: string; period: string; userIds: string[] }>();
  for (const { appId, userId, time } of marked) {
    for (const period of [activityPeriod("day", time), activityPeriod("month", time)]) {
      const group = byPeriod.get(`${appId}\n${period}`) ?? { appId, period, userIds: [] };
      group.userIds.push(userId);
      byPeriod.set(`${appId}\n${period}`, group);
    }
  }
  for (const group of byPeriod.values()) {
    for (let start = 0; start < group.userIds.length; start += batchSize) await insertMissing({ ...group, userIds: group.userIds.slice(start, start + batchSize) });
  }
}

const batchSize = 500;

async function insertMissing(input: { appId: string; period: string; userIds: string[] }) {
  const { appId, period } = input;
  const known = new Set((await db.activeUser.findMany({ where: { appId, period, userId: { in: input.userIds } }, select: { userId: true } })).map((row) => row.userId));
  const rows = input.userIds.filter((userId) => !known.has(userId)).map((userId) => ({ appId, period, userId }));
  try {
    await db.activeUser.createMany({ data: rows });
  } catch (error) {
    // Another node inserted one of them meanwhile: row by row, the ones there stay as they are.
    if (!isUniqueViolation(error)) throw error;
    for (const row of rows) await db.activeUser.upsert({ where: { appId_period_userId: row }, create: row, update: {} });
  }
}

/** A period is rolled up this long after it ended, when every node has saved its users of it. */
const rollUpDelayMs = 10 * 60_000;
/** Batches per call: a node's sweep does a bounded amount of work and picks up the rest next time. */
const maxBatchesPerRollUp = 100;
const rollUpBatchSize = 5000;

/**
 * Turns the rows of ended days and months into activeUsers counts. Safe on several nodes at
 * once: each batch deletes its rows and adds the number it deleted in one transaction, so a
 * row is counted by whichever node deleted it.
 */
export async function rollUpActiveUsers(now = Date.now()): Promise<void> {
  const settled = now - rollUpDelayMs;
  const ended = {
    OR: (["day", "month"] as const).map((span) => ({ period: { gte: `${span}:`, lt: activityPeriod(span, settled) } })),
  };
  for (let batch = 0; batch < maxBatchesPerRollUp; batch++) {
    const next = await db.activeUser.findFirst({ where: ended, select: { appId: true, period: true } });
    if (!next) return;
    await rollUpBatch(next.appId, next.period);
  }
}

async function rollUpBatch(appId: string, period: string) {
  const [span, date] = period.split(":") as ["day" | "month", string];
  const userIds = (await db.activeUser.findMany({ where: { appId, period }, select: { userId: true }, take: rollUpBatchSize })).map((row) => row.userId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.activeUser.deleteMany({ where: { appId, period, userId: { in: userIds } } });
    if (count > 0) await addToUsageCount({ appId, span, start: periodStart(span, date), name: "activeUsers" }, count, tx);
  });
}

const periodStart = (span: Exclude<Span, "hour">, date: string) => spanStart(span, Date.parse(span === "day" ? `${date}T00:00:00Z` : `${date}-01T00:00:00Z`));
