import type { StoredFileView } from "./files.js";
/**
 * The channel type numbers of the compatible contract: 1 direct, 3 group, 4 open channel,
 * 5 temporary conversation, 6 system (each user's own, and the app's broadcasts), 7 service
 * channel, 10 community.
 */
export type ChannelTypeNumber = 1 | 3 | 4 | 5 | 6 | 7 | 10;

/** A message's metadata: each key with its value, who set it and when (Unix ms). */
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
  /** The message's place in its channel: gap-free, increasing by one per stored message. Status messages (typing...), never stored, have none. */
  seq?: number;
  /** Unix ms when the server stored it. */
  sentAt: number;
  /** Unix ms of the last edit, recall or metadata change. */
  updatedAt: number;
  messageType: string;
  /** The content object; empty once recalled. */
  content: Record<string, unknown>;
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

/** A page of a channel's history, newest first (`history.list`). */
export type HistoryPage = { messages: MessageView[]; hasMore: boolean };

/** What changed since a sync position, oldest first, and the position to resume from (`sync`). */
export type SyncPage = { messages: MessageView[]; position: string; hasMore: boolean };

/** Who read a group message that asked for read receipts, in reading order (readAt: Unix ms). */
export type MessageReaders = { readers: { userId: string; readAt: number }[] };

/** A row of the console's message search: the stored content as JSON text, times as ISO strings. */
export type StoredMessageSummary = {
  messageId: string;
  channelType: number;
  /** The stored channel id: both users' ids for a direct conversation, `<community>/<subchannel>` for a subchannel. */
  channelId: string;
  seq: number;
  senderId: string;
  messageType: string;
  content: string;
  sentAt: string;
  edited: boolean;
  recalled: boolean;
  /** The uploaded file the message carries (its content's `fileId`), while it is stored. */
  file?: StoredFileView;
};

/** A page of the console's message search, newest first; `nextCursor` asks for the next. */
export type StoredMessagePage = { messages: StoredMessageSummary[]; nextCursor: string | null };

/** One message as stored (the console's detail view): the row's own column names, times as ISO strings. */
export type StoredMessage = {
  id: string;
  appId: string;
  /** The stored channel id, as in StoredMessageSummary. */
  channelId: string;
  seq: number;
  senderId: string;
  type: string;
  /** The content as JSON text. */
  content: string;
  clientMessageId: string | null;
  sentAt: string;
  updatedAt: string;
  editedAt: string | null;
  recalledAt: string | null;
  needReadReceipt: boolean;
  channelType: number;
  metadata: { key: string; value: string; userId: string; updatedAt: string }[];
  /** How many members sent a read receipt. */
  readReceipts: number;
};
