import { db } from "../../../db/client";
import { countUsage } from "../analytics/usage-counts";
import { getAppSettings } from "../apps/app-settings";
import { recordAudit } from "../audit/audit-log";
import { ChatError } from "../errors";
import { broadcastChannelId, ChannelType } from "./channel-types";

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

/** What a send to a removed conversation of these kinds is told; a direct or system one simply starts afresh. */
const removedNames = { [ChannelType.group]: "Group", [ChannelType.service]: "Service channel" };
type NamedType = keyof typeof removedNames;

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

/**
 * The error for a group or service channel that is not there: removed after the app's
 * inactivity period (its tombstone says so), or never created.
 */
export async function missingChannelError(input: { appId: string; type: NamedType; channelId: string }): Promise<ChatError> {
  const { appId, type, channelId } = input;
  const tombstone = await db.removedChannel.findUnique({ where: { appId_type_channelId: { appId, type, channelId } } });
  if (!tombstone) return new ChatError("notFound", `${removedNames[type]} ${channelId} does not exist`);
  return new ChatError("channelRemoved", `${removedNames[type]} ${channelId} no longer exists: it was removed on ${tombstone.removedAt.toISOString().slice(0, 10)} after the app's inactivity period`);
}

/** A new conversation under a removed one's id starts afresh: its tombstone goes. */
export async function forgetRemovedChannel(input: { appId: string; type: NamedType; channelId: string }): Promise<void> {
  await db.removedChannel.deleteMany({ where: input });
}
