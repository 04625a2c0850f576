import { getBus, topics } from "../../../bus";
import type { ChannelTypeNumber } from "../../../contract";
import { db } from "../../../db/client";
import { describeError, log } from "../../../log";
import { ChannelType } from "../../base/channels/channel-types";
import { findMemberChannel } from "../../base/channels/find-channel";
import { ChatError } from "../../base/errors";
import { serializePublication } from "../../base/messages/message-view";
import { checkNotTemporary } from "../temporary-channels";

/** `private`: a service channel's thread with the user rather than its broadcasts. */
type Conversation = { appId: string; userId: string; channelType: number; channelId: string; private?: boolean; sessionId?: string };

/**
 * Moves the user's read position forward to `seq` (never back). The user's other
 * devices learn it, and so does the other user of a direct conversation (read receipt).
 */
export async function markConversationRead(input: Conversation & { seq: number }): Promise<{ readSeq: number }> {
  if (!Number.isInteger(input.seq) || input.seq < 0) throw new ChatError("invalidParameter", "seq must be a sequence number, 0 or more");
  const { channel, member } = await findMemberChannel(input);
  const readSeq = Math.min(input.seq, channel.lastSeq);
  if (readSeq <= member.readSeq) return { readSeq: member.readSeq };
  await db.channelMember.updateMany({ where: { channelId: channel.id, userId: input.userId, readSeq: { lt: readSeq } }, data: { readSeq } });
  const channelType = channel.type as ChannelTypeNumber;
  const bus = getBus();
  const own = serializePublication({ type: "read", channelType, channelId: input.channelId, ...(channelType === ChannelType.service && input.private && { private: true as const }), readSeq });
  const published = [bus.publish(topics.user(input.appId, input.userId), { type: "publication", data: own, exceptSessionId: input.sessionId })];
  if (channelType === ChannelType.direct && input.channelId !== input.userId) {
    const receipt = serializePublication({ type: "readReceipt", channelType, channelId: input.userId, userId: input.userId, readSeq });
    published.push(bus.publish(topics.user(input.appId, input.channelId), { type: "publication", data: receipt }));
  }
  await Promise.all(published).catch((error) => log.warn("read position delivery failed", describeError(error)));
  return { readSeq };
}

export async function pinConversation(input: Conversation & { pinned: boolean }): Promise<void> {
  checkNotTemporary(input.channelType, "pinned");
  const { channel } = await findMemberChannel(input);
  await db.channelMember.update({ where: { channelId_userId: { channelId: channel.id, userId: input.userId } }, data: { pinned: input.pinned, pinnedAt: input.pinned ? new Date() : null } });
}

/**
 * Takes a conversation off the user's list until a newer message arrives; with
 * `clearHistory` the user also no longer sees (nor syncs) its messages so far.
 */
export async function deleteConversation(input: Conversation & { clearHistory?: boolean }): Promise<void> {
  const { channel } = await findMemberChannel(input);
  await db.channelMember.update({
    where: { channelId_userId: { channelId: channel.id, userId: input.userId } },
    data: { hiddenSeq: channel.lastSeq + 1, readSeq: channel.lastSeq, pinned: false, pinnedAt: null, ...(input.clearHistory && { clearedSeq: channel.lastSeq }) },
  });
}
