import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { toMetadataList } from "./message-view";

/** Longest span one history query may cover. */
const maxHistorySpanMs = 14 * 24 * 60 * 60 * 1000;

/** A page of a history query: newest first, sent between `endAt` (exclusive) and `startAt` (inclusive when `includeStart`). */
export type HistoryWindow = { startAt: number; endAt: number; pageSize?: number; includeStart: boolean };

/** Refuses a page size or a time window the history queries do not take. */
export function checkHistoryWindow(window: HistoryWindow): void {
  const pageSize = window.pageSize ?? 10;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ChatError("invalidParameter", "pageSize must be 1 to 100");
  if (window.startAt < window.endAt) throw new ChatError("invalidParameter", "startAt must not be before endAt: the page runs from startAt back to endAt");
  if (window.startAt - window.endAt > maxHistorySpanMs) throw new ChatError("invalidParameter", "startAt and endAt may be at most 14 days apart");
}

/**
 * The page of a channel's stored messages in `window`, as the Platform API answers them
 * (`channel` names the conversation in each); `visible` narrows it to what a member sees.
 */
export async function findMessagesInWindow(input: {
  channelPk: string;
  window: HistoryWindow;
  visible?: { fromSeq: number; since?: Date };
  channel: { channelId: string; subchannelId?: string };
}) {
  const { window, visible } = input;
  const rows = await db.message.findMany({
    where: {
      channelId: input.channelPk,
      ...(visible && { seq: { gte: visible.fromSeq } }),
      sentAt: {
        gt: new Date(window.endAt),
        ...(window.includeStart ? { lte: new Date(window.startAt) } : { lt: new Date(window.startAt) }),
        ...(visible?.since && { gte: visible.since }),
      },
    },
    orderBy: [{ sentAt: "desc" }, { seq: "desc" }],
    take: window.pageSize ?? 10,
    include: { metadata: { orderBy: { key: "asc" } } },
  });
  return rows.map((row) => ({
    channelId: input.channel.channelId,
    ...(input.channel.subchannelId !== undefined && { subchannelId: input.channel.subchannelId }),
    fromUserId: row.senderId,
    messageId: row.id,
    sentAt: row.sentAt.getTime(),
    messageType: row.type,
    content: row.content,
    hasMetadata: row.metadata.length > 0,
    ...(row.metadata.length > 0 && { metadata: toMetadataList(row.metadata) }),
  }));
}
