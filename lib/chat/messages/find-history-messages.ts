import { db } from "../../db/client";
import { ChannelType } from "../base/channels/channel-types";
import { findReadableChannel } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";
import { getUserOrThrow } from "../base/users/find-users";
import { checkUserId } from "../base/users/user-id";
import { getOpenChannelOrThrow } from "../products/open-channels/open-channel-rules";
import { toMetadataList } from "../base/messages/message-view";

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

/**
 * A page of the stored messages of a direct, group or open conversation, or of a community
 * channel, as `userId` sees it (a member: not what they cleared, nor group history from
 * before they joined where the app keeps it to members; in communities the app's history
 * window), newest first, sent between `endAt` (exclusive) and `startAt`
 * (inclusive when `includeStart`).
 */
export async function findHistoryMessages(
  input: HistoryWindow & {
    appId: string;
    userId: string;
    channelType: typeof ChannelType.direct | typeof ChannelType.group | typeof ChannelType.open | typeof ChannelType.community;
    channelId: string;
    subchannelId?: string;
  },
) {
  const userId = checkUserId(input.userId);
  checkHistoryWindow(input);
  if (input.channelType === ChannelType.direct) checkUserId(input.channelId, "channelId");
  await getUserOrThrow({ appId: input.appId, userId });
  const conversation = await findConversation(input);
  if (!conversation) return { messages: [] };
  const { channel, visible } = conversation;
  return { messages: await findMessagesInWindow({ channelPk: channel.id, window: input, visible, channel: input }) };
}

/**
 * The member's channel; none for two users who never wrote to each other (an empty
 * history, not an error). Open channels have no members: anyone reads their history.
 */
async function findConversation(input: { appId: string; userId: string; channelType: number; channelId: string; subchannelId?: string }) {
  if (input.channelType === ChannelType.open) return { channel: await getOpenChannelOrThrow(input.appId, input.channelId), visible: { fromSeq: 1, since: undefined } };
  try {
    return await findReadableChannel(input);
  } catch (error) {
    if (input.channelType === ChannelType.direct && error instanceof ChatError && error.kind === "notFound") return null;
    throw error;
  }
}
