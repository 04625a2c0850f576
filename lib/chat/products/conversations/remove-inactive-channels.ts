import { db } from "../../../db/client";
import { countUsage } from "../../base/analytics/usage-counts";
import { getAppSettings } from "../../base/apps/app-settings";
import { recordAudit } from "../../base/audit/audit-log";
import { broadcastChannelId, ChannelType } from "../../base/channels/channel-types";

const dayMs = 24 * 60 * 60 * 1000;
/** Conversations removed per app and sweep: a backlog goes over several sweeps. */
const batchSize = 200;
/** Who the audit log names for the conversations the sweep removed. */
export const lifecycleActor = { id: "system", email: "conversation lifecycle" };
/**
 * The kinds of conversation that go after the app's inactivity period: direct, group and
 * system conversations, and service channels (with their subscribers' threads, whose
 * activity counts as theirs). Open channels follow their destroy type; communities and
 * temporary conversations have their own lives.
 */
const expiringTypes = [ChannelType.direct, ChannelType.group, ChannelType.system, ChannelType.service];


/** Not active since `inactiveSince`: neither the row nor (service channels) any of its threads changed. */
const inactiveWhere = (inactiveSince: Date) => ({ updatedAt: { lt: inactiveSince }, parentId: null, subchannels: { none: { updatedAt: { gte: inactiveSince } } } });

/**
 * Removes, with their members and messages, the conversations without a message and
 * without a change (their row's updatedAt) for the app's `inactiveConversationDays`,
 * leaving a tombstone so that a later send to a group says it no longer exists. Every node
 * runs it (server.ts, each sweep): each removal re-checks the inactivity in its delete, so
 * nodes sweeping at once, or a message arriving meanwhile, never remove a live one.
 */
export async function removeInactiveChannels(now = Date.now()): Promise<void> {
  const apps = await db.app.findMany({ select: { id: true, key: true } });
  for (const app of apps) {
    const { inactiveConversationDays } = await getAppSettings(app.id);
    const inactiveSince = new Date(now - inactiveConversationDays * dayMs);
    const candidates = await db.channel.findMany({
      where: { appId: app.id, type: { in: expiringTypes }, channelId: { not: broadcastChannelId }, ...inactiveWhere(inactiveSince) },
      select: { id: true, type: true, channelId: true },
      take: batchSize,
    });
    let removed = 0;
    for (const channel of candidates) if (await removeIfStillInactive({ appId: app.id, channel, inactiveSince })) removed++;
    if (removed === 0) continue;
    countUsage(app.id, "conversationsRemoved", removed);
    await recordAudit({ operator: lifecycleActor, action: "conversations.remove", appKey: app.key, details: { conversations: removed, inactiveConversationDays } });
  }
}

async function removeIfStillInactive(input: { appId: string; channel: { id: string; type: number; channelId: string }; inactiveSince: Date }): Promise<boolean> {
  const { appId, channel } = input;
  return db.$transaction(async (tx) => {
    const { count } = await tx.channel.deleteMany({ where: { id: channel.id, ...inactiveWhere(input.inactiveSince) } });
    if (count === 0) return false;
    const key = { appId, type: channel.type, channelId: channel.channelId };
    await tx.removedChannel.upsert({ where: { appId_type_channelId: key }, create: key, update: { removedAt: new Date() } });
    return true;
  });
}
