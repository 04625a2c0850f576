import type { ChannelTypeNumber, MessageView, MetadataView, Publication } from "../../../contract";
import { ChannelType, channelIdSeenBy, splitCommunityChannelId, splitServiceChannelId } from "../channels/channel-types";
import { withFileUrls } from "../files/file-urls";

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
    // A file's URL is signed as it is read, so the one a client receives has not expired.
    content: row.recalledAt ? {} : withFileUrls(row.type, JSON.parse(row.content) as Record<string, unknown>),
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
