import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { destroyOpenChannel } from "./manage-open-channels";
import { removeParticipants } from "./open-channel-participants";
import { DestroyType, minTtlMinutes, participantTimeoutMs } from "./open-channel-rules";

/** Rows handled per sweep and kind; the next sweep takes the rest. */
const sweepBatch = 500;

/**
 * Every node runs this (server.ts, every SWITCHBOARD_SWEEP_INTERVAL_SECONDS): deletions are
 * idempotent, so nodes sweeping at once only repeat each other's work.
 */
export async function sweepOpenChannels(now = Date.now()) {
  await removeTimedOutParticipants(now);
  await destroyExpiredChannels(now);
}

/** Participants none of whose devices was connected for 30 minutes have left. */
async function removeTimedOutParticipants(now: number) {
  const stale = await db.openChannelParticipant.findMany({
    where: { lastSeenAt: { lt: new Date(now - participantTimeoutMs) } },
    take: sweepBatch,
    select: { appId: true, userId: true, channel: { select: { id: true, channelId: true } } },
  });
  const byChannel = new Map<string, { appId: string; channel: { id: string; channelId: string }; userIds: string[] }>();
  for (const { appId, userId, channel } of stale) {
    const entry = byChannel.get(channel.id) ?? { appId, channel, userIds: [] };
    entry.userIds.push(userId);
    byChannel.set(channel.id, entry);
  }
  for (const { appId, channel, userIds } of byChannel.values()) {
    await removeParticipants({ appId, channelPk: channel.id, channelId: channel.channelId, userIds, reason: "timedOut" });
  }
}

/**
 * Destroy type 1: `ttlMinutes` after creation. Destroy type 0: nobody in it and neither
 * a join nor a message for `ttlMinutes` (a message moves the channel's updatedAt).
 */
async function destroyExpiredChannels(now: number) {
  const candidates = await db.channel.findMany({
    where: {
      type: ChannelType.open,
      OR: [
        { destroyType: DestroyType.atFixedTime, createdAt: { lt: new Date(now - minTtlMinutes * 60_000) } },
        { destroyType: DestroyType.whenInactive, lastActiveAt: { lt: new Date(now - minTtlMinutes * 60_000) }, updatedAt: { lt: new Date(now - minTtlMinutes * 60_000) } },
      ],
    },
    take: sweepBatch,
    select: { id: true, appId: true, channelId: true, destroyType: true, ttlMinutes: true, createdAt: true, lastActiveAt: true, updatedAt: true, participants: { select: { userId: true } } },
  });
  for (const channel of candidates) {
    const ttlMs = (channel.ttlMinutes ?? minTtlMinutes) * 60_000;
    const lastActivity = Math.max(channel.lastActiveAt?.getTime() ?? 0, channel.updatedAt.getTime());
    const expired =
      channel.destroyType === DestroyType.atFixedTime ? channel.createdAt.getTime() + ttlMs < now : channel.participants.length === 0 && lastActivity + ttlMs < now;
    if (expired) await destroyOpenChannel(channel.appId, channel);
  }
}
