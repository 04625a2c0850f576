import { ChannelType, type ChannelTypeNumber, channelIdSeenBy, splitCommunityChannelId, splitServiceChannelId } from "../channels/channel-types";

export type MetadataView = Record<string, { value: string; userId: string; updatedAt: number }>;

/** A message as clients and app servers see it. */
export type MessageView = {
  messageId: string;
  channelType: ChannelTypeNumber;
  /** The conversation: the recipient's user id for direct and system messages, the group id for group messages, the community id. */
  channelId: string;
  /** A community message's subchannel; absent for its default channel. */
  subchannelId?: string;
  senderId: string;
  /** The message's place in its channel; status messages, which are never stored, have none. */
  seq?: number;
  sentAt: number;
  /** Changes with every edit, recall or metadata change. */
  updatedAt: number;
  messageType: string;
  content: unknown;
  clientMessageId?: string;
  needReadReceipt?: true;
  editedAt?: number;
  /** The sender or an admin recalled it; the content is gone. */
  recalled?: true;
  metadata?: MetadataView;
  /** A group message addressed to some members only. */
  toUserIds?: string[];
  /** A service channel message between one subscriber and the app, which only they see (the subscriber's thread). */
  private?: true;
};

/** What clients receive on their personal subscription. */
export type Publication =
  | { type: "message"; message: MessageView }
  /** An edit, a recall or a metadata change: the message as it is now. */
  | { type: "message.updated"; message: MessageView }
  /** The user read a conversation on another device. */
  | { type: "read"; channelType: ChannelTypeNumber; channelId: string; subchannelId?: string; private?: true; readSeq: number }
  /** Someone read messages the user sent: up to a sequence (direct) or these messages (group). */
  | { type: "readReceipt"; channelType: ChannelTypeNumber; channelId: string; userId: string; readSeq?: number; messageIds?: string[] }
  /** The user is no longer in an open channel: it was destroyed, they were kicked or banned, or they joined another. */
  | { type: "openChannel.left"; channelId: string; reason: OpenChannelLeaveReason }
  /** A temporary conversation of the user is gone, with its messages: the app ended it, or it expired. */
  | { type: "temporaryChannel.ended"; channelId: string; reason: "ended" | "expired" };

export type OpenChannelLeaveReason = "destroyed" | "kicked" | "banned" | "joinedAnother" | "timedOut";

/** Serialized once per publication; every recipient session gets the same text. */
export function serializePublication(publication: Publication): string {
  return JSON.stringify(publication);
}

/** The stored form of a message with its channel, as sync and history read it. */
export type StoredMessageRow = {
  id: string;
  seq: number;
  senderId: string;
  type: string;
  content: string;
  clientMessageId: string | null;
  sentAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
  recalledAt: Date | null;
  needReadReceipt: boolean;
  channel: { type: number; channelId: string };
  metadata?: { key: string; value: string; userId: string; updatedAt: Date }[];
};

export function toMessageView(row: StoredMessageRow): MessageView {
  return {
    messageId: row.id,
    channelType: row.channel.type as ChannelTypeNumber,
    ...channelAddress(row.channel, row.senderId),
    senderId: row.senderId,
    seq: row.seq,
    sentAt: row.sentAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    messageType: row.type,
    content: row.recalledAt ? {} : JSON.parse(row.content),
    ...(row.clientMessageId !== null && { clientMessageId: row.clientMessageId }),
    ...(row.needReadReceipt && { needReadReceipt: true as const }),
    ...(row.editedAt && { editedAt: row.editedAt.getTime() }),
    ...(row.recalledAt && { recalled: true as const }),
    ...(row.metadata?.length && { metadata: toMetadataView(row.metadata) }),
  };
}

/** How the sender names the conversation: the recipient of a direct message, a community and its subchannel, a service channel. */
function channelAddress(channel: { type: number; channelId: string }, senderId: string): { channelId: string; subchannelId?: string; private?: true } {
  if (channel.type === ChannelType.community) return splitCommunityChannelId(channel.channelId);
  if (channel.type === ChannelType.service) {
    const service = splitServiceChannelId(channel.channelId);
    return { channelId: service.channelId, ...(service.subscriberId !== undefined && { private: true as const }) };
  }
  return { channelId: channelIdSeenBy(channel, senderId) };
}

export function toMetadataView(entries: NonNullable<StoredMessageRow["metadata"]>): MetadataView {
  return Object.fromEntries(entries.map((entry) => [entry.key, { value: entry.value, userId: entry.userId, updatedAt: entry.updatedAt.getTime() }]));
}

/** The Platform API's form of metadata: a list ordered as given. */
export function toMetadataList(entries: NonNullable<StoredMessageRow["metadata"]>) {
  return entries.map((entry) => ({ key: entry.key, value: entry.value, updatedAt: entry.updatedAt.getTime() }));
}
