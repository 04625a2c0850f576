import { db, sqlConnectionOf } from "../../../db/client";
import { readDate } from "../../../db/sql-connection";
import { ChatError } from "../errors";
import { toMetadataList } from "./message-view";
import { quoteMessageType, streamMessageType } from "./message-kinds";
import { findMessageMetadata } from "./stored-message-sql";
import { contentTextWithFileUrls } from "../files/file-urls";

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
  const sql = sqlConnectionOf(db);
  // "sentAt <= startAt" is "sentAt < startAt + 1 ms": times are stored to the millisecond.
  const before = new Date(window.includeStart ? window.startAt + 1 : window.startAt);
  const after = new Date(Math.max(window.endAt + 1, visible?.since?.getTime() ?? 0));
  const rows = await sql.query<{ id: string; senderId: string; sentAt: string | Date; type: string; content: string }>(
    `SELECT "id", "senderId", "sentAt", "type", "content" FROM "Message"
     WHERE "channelId" = ? AND "seq" >= ? AND "sentAt" >= ? AND "sentAt" < ?
     ORDER BY "sentAt" DESC, "seq" DESC LIMIT ?`,
    [input.channelPk, visible?.fromSeq ?? 0, after, before, window.pageSize ?? 10],
  );
  const metadata = await findMessageMetadata(sql, rows.map((row) => row.id));
  return rows.map((row) => {
    const entries = metadata.get(row.id);
    return {
      channelId: input.channel.channelId,
      ...(input.channel.subchannelId !== undefined && { subchannelId: input.channel.subchannelId }),
      fromUserId: row.senderId,
      messageId: row.id,
      sentAt: readDate(row.sentAt).getTime(),
      messageType: row.type,
      content: contentTextWithFileUrls(row.type, row.content),
      ...quoteOf(row.type, row.content),
      hasMetadata: entries !== undefined,
      ...(entries && { metadata: toMetadataList(entries) }),
      aiGenerated: row.type === streamMessageType,
    };
  });
}

/**
 * The message a reply quotes, as the contract's histories give it: JSON text of its id,
 * type and sender, read from the reply's content (`referMsgUid`, `objName`, `referMsgUserId`).
 */
function quoteOf(type: string, content: string): { quote?: string } {
  if (type !== quoteMessageType) return {};
  const reply = JSON.parse(content) as Record<string, unknown>;
  if (typeof reply.referMsgUid !== "string") return {};
  return { quote: JSON.stringify({ msgUID: reply.referMsgUid, objectName: reply.objName, fromUserId: reply.referMsgUserId }) };
}
