import { db } from "../../db/client";
import { findMemberChannel } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";

/**
 * Deletes a conversation's stored history for one of its users (the app server's
 * request names whose): the messages sent up to `sentAt`, or all of them, leave that
 * user's history lists and syncs on every device. The other members keep theirs, and
 * sequences stay as they are, so read positions and unread counts remain right.
 * Clearing never moves back: an older cutoff than a previous one changes nothing.
 */
export async function clearChannelHistory(input: { appId: string; userId: string; channelType: number; channelId: string; sentAt?: number }): Promise<void> {
  if (input.sentAt !== undefined && (!Number.isSafeInteger(input.sentAt) || input.sentAt < 0)) {
    throw new ChatError("invalidParameter", "sentAt must be a time in Unix milliseconds");
  }
  const { channel } = await findMemberChannel(input);
  const clearedSeq = input.sentAt === undefined ? channel.lastSeq : await lastSeqSentBy(channel.id, new Date(input.sentAt));
  await db.channelMember.updateMany({ where: { channelId: channel.id, userId: input.userId, clearedSeq: { lt: clearedSeq } }, data: { clearedSeq } });
}

/** The sequence of the channel's newest message sent at or before `at`; 0 when there is none. */
async function lastSeqSentBy(channelPk: string, at: Date): Promise<number> {
  const message = await db.message.findFirst({ where: { channelId: channelPk, sentAt: { lte: at } }, orderBy: { seq: "desc" }, select: { seq: true } });
  return message?.seq ?? 0;
}
