import { db } from "../../db/client";
import { getAppSettings } from "../apps/app-settings";
import { findMemberChannel, visibleFromSeq } from "../channels/find-channel";
import { ChatError } from "../errors";
import { type MessageView, toMessageView } from "./message-view";

const maxLimit = 100;

/** A page of a conversation's stored messages, newest first, before `beforeSeq` (from the newest without it). */
export async function findChannelHistory(input: {
  appId: string;
  userId: string;
  channelType: number;
  channelId: string;
  beforeSeq?: number;
  limit?: number;
}): Promise<{ messages: MessageView[]; hasMore: boolean }> {
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new ChatError("invalidParameter", `limit must be 1 to ${maxLimit}`);
  const { channel, member } = await findMemberChannel(input);
  const { groupHistoryForMembersOnly } = await getAppSettings(input.appId);
  const rows = await db.message.findMany({
    where: { channelId: channel.id, seq: { gte: visibleFromSeq(member, channel.type, groupHistoryForMembersOnly), ...(input.beforeSeq !== undefined && { lt: input.beforeSeq }) } },
    orderBy: { seq: "desc" },
    take: limit + 1,
    include: { metadata: true },
  });
  return { messages: rows.slice(0, limit).map((row) => toMessageView({ ...row, channel })), hasMore: rows.length > limit };
}
