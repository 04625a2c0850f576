import { db } from "../../db/client";
import { ChannelType, serviceThreadId } from "../channels/channel-types";
import { ChatError } from "../errors";
import { maxHistorySpanMs } from "../messages/find-history-messages";
import { toMetadataList } from "../messages/message-view";
import { checkUserId } from "../users/user-id";
import { getServiceChannelOrThrow } from "./service-channel-rules";

/**
 * The app's view of a service channel's stored messages, newest first, sent between
 * `endAt` (exclusive) and `startAt` (inclusive when `includeStart`): its broadcasts, or
 * with `userId` that subscriber's thread (what they sent, and what the app sent them alone).
 */
export async function findServiceChannelHistory(input: { appId: string; channelId: string; userId?: string; startAt: number; endAt: number; pageSize?: number; includeStart: boolean }) {
  const pageSize = input.pageSize ?? 10;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ChatError("invalidParameter", "pageSize must be 1 to 100");
  if (input.startAt < input.endAt) throw new ChatError("invalidParameter", "startAt must not be before endAt: the page runs from startAt back to endAt");
  if (input.startAt - input.endAt > maxHistorySpanMs) throw new ChatError("invalidParameter", "startAt and endAt may be at most 14 days apart");
  const service = await getServiceChannelOrThrow(input);
  const channelPk = input.userId === undefined ? service.id : await findThreadPk({ appId: input.appId, serviceId: service.channelId, userId: checkUserId(input.userId) });
  if (channelPk === null) return { messages: [] };
  const rows = await db.message.findMany({
    where: { channelId: channelPk, sentAt: { gt: new Date(input.endAt), ...(input.includeStart ? { lte: new Date(input.startAt) } : { lt: new Date(input.startAt) }) } },
    orderBy: [{ sentAt: "desc" }, { seq: "desc" }],
    take: pageSize,
    include: { metadata: { orderBy: { key: "asc" } } },
  });
  return {
    messages: rows.map((row) => ({
      channelId: service.channelId,
      fromUserId: row.senderId,
      messageId: row.id,
      sentAt: row.sentAt.getTime(),
      messageType: row.type,
      content: row.content,
      hasMetadata: row.metadata.length > 0,
      ...(row.metadata.length > 0 && { metadata: toMetadataList(row.metadata) }),
    })),
  };
}

/** A subscriber's thread; none when they never wrote and were never written to. */
async function findThreadPk(input: { appId: string; serviceId: string; userId: string }): Promise<string | null> {
  const thread = await db.channel.findFirst({ where: { appId: input.appId, type: ChannelType.service, channelId: serviceThreadId(input.serviceId, input.userId) }, select: { id: true } });
  return thread?.id ?? null;
}
