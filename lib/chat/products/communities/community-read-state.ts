import { getBus, topics } from "../../../bus";
import type { SubchannelUnread } from "../../../contract";
import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { describeError, log } from "../../../log";
import { ChannelType, splitCommunityChannelId } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import type { Mentions } from "../../base/messages/mentions";
import { serializePublication } from "../../base/messages/message-view";
import { communityVisibleSince, findCommunityChannel, findPrivateAccess, findReaders, SubchannelRole } from "./subchannel-access";

type CommunityChannel = { id: string; parentId: string | null; isPrivate: boolean };

/**
 * Per channel of a community the user reads (the default channel first, without
 * `subchannelId`): the last sequence, the read position, how many visible messages are
 * unread and whether one of them mentions the user. A subchannel never read counts all
 * its visible messages.
 */
export async function findCommunityUnread(input: { appId: string; userId: string; channelId: string }): Promise<{ subchannels: SubchannelUnread[] }> {
  const { community, member } = await findCommunityChannel(input);
  const readable = (await findPrivateAccess({ appId: input.appId, userIds: [input.userId] })).get(input.userId)!;
  const subchannels = await db.channel.findMany({
    where: { appId: input.appId, parentId: community.id, OR: [{ isPrivate: false }, { id: { in: [...readable] } }] },
    orderBy: [{ createdAt: "asc" }, { channelId: "asc" }],
  });
  const channels = [community, ...subchannels];
  const states = await db.channelMember.findMany({ where: { appId: input.appId, userId: input.userId, channelId: { in: subchannels.map((row) => row.id) } } });
  const stateOf = (pk: string) => (pk === community.id ? member : states.find((state) => state.channelId === pk));
  const counts = await db.message.groupBy({
    by: ["channelId"],
    where: {
      sentAt: { gte: await communityVisibleSince({ appId: input.appId, member }) },
      OR: channels.map((channel) => ({ channelId: channel.id, seq: { gt: stateOf(channel.id)?.readSeq ?? 0 } })),
    },
    _count: { _all: true },
  });
  return {
    subchannels: channels.map((channel) => {
      const state = stateOf(channel.id);
      const readSeq = state?.readSeq ?? 0;
      return {
        ...splitCommunityChannelId(channel.channelId),
        lastSeq: channel.lastSeq,
        readSeq,
        unreadCount: counts.find((count) => count.channelId === channel.id)?._count._all ?? 0,
        mentioned: (state?.mentionedSeq ?? 0) > readSeq,
      };
    }),
  };
}

/** Moves the user's read position in a community channel forward to `seq` (never back); the user's other devices learn it. */
export async function markCommunityRead(input: { appId: string; userId: string; channelId: string; subchannelId?: string; seq: number; sessionId?: string }) {
  if (!Number.isInteger(input.seq) || input.seq < 0) throw new ChatError("invalidParameter", "seq must be a sequence number, 0 or more");
  const { channel } = await findCommunityChannel(input);
  const readSeq = Math.min(input.seq, channel.lastSeq);
  await ensureReadStates({ appId: input.appId, channel, userIds: [input.userId] });
  await db.channelMember.updateMany({ where: { channelId: channel.id, userId: input.userId, readSeq: { lt: readSeq } }, data: { readSeq } });
  const data = serializePublication({ type: "read", channelType: ChannelType.community, ...splitCommunityChannelId(channel.channelId), readSeq });
  await getBus()
    .publish(topics.user(input.appId, input.userId), { type: "publication", data, exceptSessionId: input.sessionId })
    .catch((error) => log.warn("read position delivery failed", describeError(error)));
  return { readSeq };
}

/**
 * Subchannels hold no member rows for public readers: a user's read state there is
 * created when they first read or are mentioned. (The community's row has one per member.)
 */
async function ensureReadStates(input: { appId: string; channel: CommunityChannel; userIds: string[] }) {
  if (!input.channel.parentId || input.userIds.length === 0) return;
  const existing = await db.channelMember.findMany({ where: { channelId: input.channel.id, userId: { in: input.userIds } }, select: { userId: true } });
  const fresh = input.userIds.filter((userId) => !existing.some((row) => row.userId === userId));
  await db.channelMember.createMany({ data: fresh.map((userId) => ({ channelId: input.channel.id, appId: input.appId, userId, role: SubchannelRole.readState })) }).catch((error: unknown) => {
    // A concurrent read or mention created the row: that is all this wanted.
    if (!isUniqueViolation(error)) throw error;
  });
}

/**
 * Before mentions are recorded on a subchannel: the named users who read it get a read
 * state. Mentioning everyone marks the members with one (who opened the subchannel):
 * a community has no member limit, so no row is made per member.
 */
export async function prepareCommunityMentions(input: { appId: string; channel: CommunityChannel; senderId: string; mentions: Mentions }) {
  if (input.mentions.all) return;
  const userIds = await findReaders({ appId: input.appId, channel: input.channel, userIds: input.mentions.userIds.filter((userId) => userId !== input.senderId) });
  await ensureReadStates({ appId: input.appId, channel: input.channel, userIds });
}
