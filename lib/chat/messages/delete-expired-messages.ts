import { db } from "../../db/client";
import { countUsage } from "../base/analytics/usage-counts";
import { getAppSettings } from "../base/apps/app-settings";
import { recordAudit } from "../base/audit/audit-log";
import { ChannelType } from "../base/channels/channel-types";

const dayMs = 24 * 60 * 60 * 1000;
/** Messages deleted per statement, and statements per app and sweep: a backlog is worked off over several sweeps. */
const batchSize = 1000;
const batchesPerSweep = 10;
/** Who the audit log names for what the sweep removed. */
export const retentionActor = { id: "system", email: "history retention" };

/**
 * Deletes the messages each app no longer keeps: communities' after `communityHistoryDays`,
 * every other channel's after `historyRetentionDays`. Every node runs it (server.ts, each
 * sweep): deletes by id are idempotent, so nodes sweeping at once only repeat each other.
 * What an app lost is counted in its analytics and written to the audit log.
 */
export async function deleteExpiredMessages(now = Date.now()): Promise<void> {
  const apps = await db.app.findMany({ select: { id: true, key: true } });
  for (const app of apps) {
    const settings = await getAppSettings(app.id);
    const deleted =
      (await deleteOlderThan({ appId: app.id, before: now - settings.historyRetentionDays * dayMs, communities: false })) +
      (await deleteOlderThan({ appId: app.id, before: now - settings.communityHistoryDays * dayMs, communities: true }));
    if (deleted === 0) continue;
    countUsage(app.id, "messagesExpired", deleted);
    await recordAudit({ operator: retentionActor, action: "messages.expire", appKey: app.key, details: { messages: deleted, historyRetentionDays: settings.historyRetentionDays, communityHistoryDays: settings.communityHistoryDays } });
  }
}

async function deleteOlderThan(input: { appId: string; before: number; communities: boolean }): Promise<number> {
  const channel = { type: input.communities ? ChannelType.community : { not: ChannelType.community } };
  let deleted = 0;
  for (let batch = 0; batch < batchesPerSweep; batch++) {
    const expired = await db.message.findMany({ where: { appId: input.appId, sentAt: { lt: new Date(input.before) }, channel }, select: { id: true }, take: batchSize });
    if (expired.length === 0) break;
    deleted += (await db.message.deleteMany({ where: { id: { in: expired.map((message) => message.id) } } })).count;
    if (expired.length < batchSize) break;
  }
  return deleted;
}
