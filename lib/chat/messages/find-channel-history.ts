import { db } from "../../db/client";
import { findReadableChannel } from "../channels/find-channel";
import { ChatError } from "../errors";
import { type MessageView, toMessageView } from "./message-view";

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
}): Promise<{ messages: MessageView[]; hasMore: boolean }> {
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new ChatError("invalidParameter", `limit must be 1 to ${maxLimit}`);
  const { channel, visible } = await findReadableChannel(input);
  const rows = await db.message.findMany({
    where: {
      channelId: channel.id,
      seq: { gte: visible.fromSeq, ...(input.beforeSeq !== undefined && { lt: input.beforeSeq }) },
      ...(visible.since && { sentAt: { gte: visible.since } }),
    },
    orderBy: { seq: "desc" },
    take: limit + 1,
    include: { metadata: true },
  });
  return { messages: rows.slice(0, limit).map((row) => toMessageView({ ...row, channel })), hasMore: rows.length > limit };
}
