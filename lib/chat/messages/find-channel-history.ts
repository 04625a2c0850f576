import type { HistoryPage } from "../../contract";
import { db, Prisma } from "../../db/client";
import { findReadableChannel } from "./readable-channel";
import { ChatError } from "../base/errors";
import { type StoredMessageRow, toMessageView } from "../base/messages/message-view";
import { takePage } from "../base/messages/page-size";

const maxLimit = 100;

/** A page of a conversation's (or community channel's) stored messages as the user sees them, newest first, before `beforeSeq` (from the newest without it). */
export async function findChannelHistory(input: {
  appId: string;
  userId: string;
  channelType: number;
  channelId: string;
  /** Communities only: a subchannel, or without it the default channel. */
  subchannelId?: string;
  beforeSeq?: number;
  limit?: number;
}): Promise<HistoryPage> {
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new ChatError("invalidParameter", `limit must be 1 to ${maxLimit}`);
  const { channel, visible } = await findReadableChannel(input);
  // Raw statements: on this hot path Prisma's query compilation costs more than the reads.
  const rows = await db.$queryRaw<Omit<StoredMessageRow, "channel" | "metadata">[]>`
    SELECT "id", "seq", "senderId", "type", "content", "clientMessageId", "sentAt", "updatedAt", "editedAt", "recalledAt", "needReadReceipt"
    FROM "Message"
    WHERE "channelId" = ${channel.id} AND "seq" >= ${visible.fromSeq}
      ${input.beforeSeq === undefined ? Prisma.empty : Prisma.sql`AND "seq" < ${input.beforeSeq}`}
      ${visible.since ? Prisma.sql`AND "sentAt" >= ${visible.since}` : Prisma.empty}
    ORDER BY "seq" DESC
    LIMIT ${limit + 1}`;
  const page = takePage(rows, limit);
  const metadata = await findMetadata(page.map((row) => row.id));
  return { messages: page.map((row) => toMessageView({ ...row, channel, metadata: metadata.get(row.id) })), hasMore: rows.length > page.length };
}

async function findMetadata(messageIds: string[]) {
  const byMessage = new Map<string, NonNullable<StoredMessageRow["metadata"]>>();
  if (messageIds.length === 0) return byMessage;
  const entries = await db.$queryRaw<(NonNullable<StoredMessageRow["metadata"]>[number] & { messageId: string })[]>`
    SELECT "messageId", "key", "value", "userId", "updatedAt" FROM "MessageMetadata" WHERE "messageId" IN (${Prisma.join(messageIds)})`;
  for (const { messageId, ...entry } of entries) {
    const list = byMessage.get(messageId);
    if (list) list.push(entry);
    else byMessage.set(messageId, [entry]);
  }
  return byMessage;
}
