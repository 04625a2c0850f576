import type { ConversationView } from "../../../contract";
import { db } from "../../../db/client";
import { getAppSettings } from "../../base/apps/app-settings";
import { ChannelType, channelIdSeenBy, splitServiceChannelId } from "../../base/channels/channel-types";
import { visibleFromSeq } from "../../base/channels/find-channel";
import { ChatError } from "../../base/errors";
import { toMessageView } from "../../base/messages/message-view";

const maxLimit = 500;
/** Last messages read per query: one OR branch each. */
const lastMessagesPerQuery = 200;

/**
 * A user's conversation list: pinned first, then the most recently active, each with its
 * unread count and last message. Conversations the user deleted stay out until a newer
 * message arrives.
 */
export async function findConversations(input: { appId: string; userId: string; limit?: number }): Promise<{ conversations: ConversationView[] }> {
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new ChatError("invalidParameter", `limit must be 1 to ${maxLimit}`);
  const { groupHistoryForMembersOnly } = await getAppSettings(input.appId);
  const memberships = await db.channelMember.findMany({
    // Communities keep their unread state per subchannel (community.unread), not in this list; temporary conversations are in no list.
    where: { appId: input.appId, userId: input.userId, channel: { type: { notIn: [ChannelType.community, ChannelType.temporary] } } },
    include: { channel: { select: { id: true, type: true, channelId: true, lastSeq: true, updatedAt: true } } },
  });
  const listed = memberships
    .filter((member) => member.channel.lastSeq >= member.hiddenSeq)
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.channel.updatedAt.getTime() - a.channel.updatedAt.getTime())
    .slice(0, limit);
  const lastMessages = await findLastMessages(listed.map((member) => member.channel));
  return {
    conversations: listed.map((member) => {
      const { channel } = member;
      const seenUpTo = Math.max(member.readSeq, visibleFromSeq(member, channel.type, groupHistoryForMembersOnly) - 1);
      const last = lastMessages.get(channel.id);
      const lastMessage = last && last.seq > member.clearedSeq ? toMessageView({ ...last, channel }) : undefined;
      return {
        channelType: channel.type,
        channelId: channelIdSeenBy(channel, input.userId),
        lastSeq: channel.lastSeq,
        readSeq: member.readSeq,
        unreadCount: Math.max(0, channel.lastSeq - seenUpTo),
        mentioned: member.mentionedSeq > seenUpTo,
        pinned: member.pinned,
        updatedAt: channel.updatedAt.getTime(),
        ...(lastMessage && { lastMessage }),
        ...(channel.type === ChannelType.service && splitServiceChannelId(channel.channelId).subscriberId !== undefined && { private: true as const }),
      };
    }),
  };
}

async function findLastMessages(channels: { id: string; lastSeq: number }[]) {
  const withMessages = channels.filter((channel) => channel.lastSeq > 0);
  const byChannel = new Map<string, Awaited<ReturnType<typeof queryLast>>[number]>();
  for (let start = 0; start < withMessages.length; start += lastMessagesPerQuery) {
    for (const row of await queryLast(withMessages.slice(start, start + lastMessagesPerQuery))) byChannel.set(row.channelId, row);
  }
  return byChannel;
}

const queryLast = (channels: { id: string; lastSeq: number }[]) =>
  db.message.findMany({ where: { OR: channels.map((channel) => ({ channelId: channel.id, seq: channel.lastSeq })) }, include: { metadata: true } });
