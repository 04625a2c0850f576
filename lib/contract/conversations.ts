import type { MessageView } from "./messages.js";

/** A conversation in a user's list (`conversation.list`). */
export type ConversationView = {
  channelType: number;
  channelId: string;
  lastSeq: number;
  readSeq: number;
  /** Messages after the read position: the last sequence minus the read one. */
  unreadCount: number;
  /** An unread message mentions the user (groups). */
  mentioned: boolean;
  pinned: boolean;
  /** Unix ms of the conversation's last activity. */
  updatedAt: number;
  lastMessage?: MessageView;
  /** The user's thread with a service channel, listed apart from its broadcasts. */
  private?: true;
};

/** A community channel's unread state for one user (`community.unread`); the default channel has no `subchannelId`. */
export type SubchannelUnread = { channelId: string; subchannelId?: string; lastSeq: number; readSeq: number; unreadCount: number; mentioned: boolean };

/** A temporary conversation: its generated id, its members (sorted) and when it expires (Unix ms). */
export type TemporaryChannel = { channelId: string; memberIds: string[]; expiresAt: number };

/** A user's conversation tag (set by the app server); createdAt in Unix ms. */
export type ConversationTag = { tagId: string; tagName: string; createdAt: number };
