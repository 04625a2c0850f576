import { db } from "../../db/client";
import { ChannelType, directChannelId } from "../channels/channel-types";
import { ChatError } from "../errors";
import { getUserOrThrow } from "../users/find-users";
import { checkUserId } from "../users/user-id";

/** Longest span one history query may cover. */
export const maxHistorySpanMs = 14 * 24 * 60 * 60 * 1000;

/**
 * A page of the stored messages between `userId` and `channelId` (the other user), newest
 * first, sent between `endAt` (exclusive) and `startAt` (inclusive when `includeStart`).
 */
export async function findDirectHistory(input: {
  appId: string;
  userId: string;
  channelId: string;
  startAt: number;
  endAt: number;
  pageSize?: number;
  includeStart: boolean;
}) {
  const userId = checkUserId(input.userId);
  const peerId = checkUserId(input.channelId, "channelId");
  const pageSize = input.pageSize ?? 10;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ChatError("invalidParameter", "pageSize must be 1 to 100");
  if (input.startAt < input.endAt) throw new ChatError("invalidParameter", "startAt must not be before endAt: the page runs from startAt back to endAt");
  if (input.startAt - input.endAt > maxHistorySpanMs) throw new ChatError("invalidParameter", "startAt and endAt may be at most 14 days apart");
  await getUserOrThrow({ appId: input.appId, userId });
  const channel = await db.channel.findFirst({
    where: { appId: input.appId, type: ChannelType.direct, channelId: directChannelId(userId, peerId) },
    select: { id: true },
  });
  if (!channel) return { messages: [] };
  const rows = await db.message.findMany({
    where: {
      channelId: channel.id,
      sentAt: { gt: new Date(input.endAt), ...(input.includeStart ? { lte: new Date(input.startAt) } : { lt: new Date(input.startAt) }) },
    },
    orderBy: [{ sentAt: "desc" }, { seq: "desc" }],
    take: pageSize,
  });
  return {
    messages: rows.map((row) => ({
      channelId: peerId,
      fromUserId: row.senderId,
      messageId: row.id,
      sentAt: row.sentAt.getTime(),
      messageType: row.type,
      content: row.content,
      hasMetadata: false,
    })),
  };
}
