import type { HistoryPage } from "../../contract";
import { db, sqlConnectionOf } from "../../db/client";
import { ChatError } from "../base/errors";
import { toMessageView } from "../base/messages/message-view";
import { takePage } from "../base/messages/page-size";
import { findMessageMetadata, readStoredMessage, storedMessageColumns } from "../base/messages/stored-message-sql";
import { findReadableChannel } from "./readable-channel";

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
  const sql = sqlConnectionOf(db);
  // Sequences are 32-bit integer columns.
  const before = Math.min(input.beforeSeq ?? Number.POSITIVE_INFINITY, 2 ** 31 - 1);
  const rows = await sql.query<Parameters<typeof readStoredMessage>[0]>(
    `SELECT ${storedMessageColumns(`"Message"`)} FROM "Message"
     WHERE "channelId" = ? AND "seq" >= ? AND "seq" < ? AND "sentAt" >= ?
     ORDER BY "seq" DESC LIMIT ?`,
    [channel.id, visible.fromSeq, before, visible.since ?? new Date(0), limit + 1],
  );
  const page = takePage(rows, limit).map(readStoredMessage);
  const metadata = await findMessageMetadata(sql, page.map((row) => row.id));
  return { messages: page.map((row) => toMessageView({ ...row, channel, metadata: metadata.get(row.id) })), hasMore: rows.length > page.length };
}
