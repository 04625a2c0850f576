import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { removeTemporaryChannel } from "./end-temporary-channel";

/** Conversations removed per sweep; the next sweep takes the rest. */
const sweepBatch = 500;

/**
 * Deletes the temporary conversations that expired, with their members and messages.
 * Every node runs it (server.ts, every SWITCHBOARD_SWEEP_INTERVAL_SECONDS); deletes are
 * idempotent, so nodes sweeping at once only repeat each other's work.
 */
export async function sweepTemporaryChannels(now = new Date()): Promise<void> {
  const expired = await db.channel.findMany({
    where: { type: ChannelType.temporary, expiresAt: { lte: now } },
    take: sweepBatch,
    select: { id: true, appId: true, channelId: true, members: { select: { userId: true } } },
  });
  for (const { appId, members, ...channel } of expired) {
    await removeTemporaryChannel({ appId, channel: { ...channel, memberIds: members.map((member) => member.userId) }, reason: "expired", expiredBy: now });
  }
}
