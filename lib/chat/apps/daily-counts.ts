import { db } from "../../db/client";

/** Names of the per-app daily counts. */
export type DailyCountName =
  | "openChannelMessagesDropped"
  /** Offline push outcomes per provider, and pushes dropped because the node's push queue was full. */
  | `push.${"fcm" | "apns" | "webhook"}.${"delivered" | "failed" | "tokenGone"}`
  | "push.queueFull";

/**
 * Events are counted in memory and added to the database by `flushDailyCounts` (server.ts,
 * every SWITCHBOARD_SWEEP_INTERVAL_SECONDS): counting must not cost a write per event (drops
 * happen when a channel is overloaded).
 */
type Pending = Map<string, { appId: string; name: DailyCountName; day: string; count: number }>;
// On globalThis: Next's route handlers count in their own module instance of this file, server.ts flushes.
const key = Symbol.for("switchboard.dailyCounts");
const globals = globalThis as typeof globalThis & { [key]?: Pending };
const pending: Pending = (globals[key] ??= new Map());

export function countEvent(appId: string, name: DailyCountName) {
  const day = new Date().toISOString().slice(0, 10);
  const key = `${appId}\n${name}\n${day}`;
  const entry = pending.get(key) ?? { appId, name, day, count: 0 };
  entry.count++;
  pending.set(key, entry);
}

export async function flushDailyCounts(): Promise<void> {
  const entries = [...pending.values()];
  pending.clear();
  for (const { appId, name, day, count } of entries) {
    await db.appDailyCount.upsert({
      where: { appId_name_day: { appId, name, day } },
      create: { appId, name, day, count },
      update: { count: { increment: count } },
    });
  }
}

