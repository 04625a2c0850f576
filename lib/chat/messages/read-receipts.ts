import { getBus, topics } from "../../bus";
import type { MessageReaders } from "../../contract";
import { db } from "../../db/client";
import { describeError, log } from "../../log";
import { ChannelType } from "../base/channels/channel-types";
import { findMemberChannel } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";
import { messageIdPattern } from "../base/messages/message-id";
import { serializePublication } from "../base/messages/message-view";

const maxMessagesPerReceipt = 100;

/**
 * A group member read messages whose senders asked for read receipts: each is recorded
 * once per reader and the senders' devices are told who read what.
 */
export async function sendGroupReadReceipts(input: { appId: string; userId: string; channelId: string; messageIds: string[] }): Promise<void> {
  if (input.messageIds.length < 1 || input.messageIds.length > maxMessagesPerReceipt || !input.messageIds.every((id) => messageIdPattern.test(id))) {
    throw new ChatError("invalidParameter", `messageIds must hold 1 to ${maxMessagesPerReceipt} message ids`);
  }
  const { channel } = await findMemberChannel({ ...input, channelType: ChannelType.group });
  const messages = await db.message.findMany({
    where: { channelId: channel.id, id: { in: input.messageIds }, needReadReceipt: true, senderId: { not: input.userId } },
    select: { id: true, senderId: true },
  });
  const readAt = new Date();
  await db.$transaction(
    messages.map((message) =>
      db.messageReadReceipt.upsert({
        where: { messageId_userId: { messageId: message.id, userId: input.userId } },
        create: { messageId: message.id, userId: input.userId, readAt },
        update: {},
      }),
    ),
  );
  const bySender = new Map<string, string[]>();
  for (const message of messages) bySender.set(message.senderId, [...(bySender.get(message.senderId) ?? []), message.id]);
  await Promise.all(
    [...bySender].map(([senderId, messageIds]) => {
      const data = serializePublication({ type: "readReceipt", channelType: ChannelType.group, channelId: input.channelId, userId: input.userId, messageIds });
      return getBus().publish(topics.user(input.appId, senderId), { type: "publication", data });
    }),
  ).catch((error) => log.warn("read receipt delivery failed", describeError(error)));
}

/** Who read a group message that asked for read receipts, in reading order. */
export async function findMessageReaders(input: { appId: string; userId: string; channelId: string; messageId: string }): Promise<MessageReaders> {
  const { channel } = await findMemberChannel({ ...input, channelType: ChannelType.group });
  const message = await db.message.findFirst({ where: { id: input.messageId, channelId: channel.id }, select: { readReceipts: { orderBy: { readAt: "asc" } } } });
  if (!message) throw new ChatError("notFound", `Message ${input.messageId} is not in group ${input.channelId}`);
  return { readers: message.readReceipts.map((receipt) => ({ userId: receipt.userId, readAt: receipt.readAt.getTime() })) };
}
