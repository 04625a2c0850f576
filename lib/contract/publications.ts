import type { ChannelTypeNumber, MessageView } from "./messages.js";

/** The user read a conversation on another device. */
export type ReadEvent = { channelType: ChannelTypeNumber; channelId: string; subchannelId?: string; private?: true; readSeq: number };

/** Someone read messages the user sent: up to a sequence (direct) or these messages (group). */
export type ReadReceiptEvent = { channelType: ChannelTypeNumber; channelId: string; userId: string; readSeq?: number; messageIds?: string[] };

export type OpenChannelLeaveReason = "destroyed" | "kicked" | "banned" | "joinedAnother" | "timedOut";

/** The user is no longer in an open channel: it was destroyed, they were kicked or banned, they joined another, or they timed out. */
export type OpenChannelLeftEvent = { channelId: string; reason: OpenChannelLeaveReason };

/** A temporary conversation of the user is gone with its messages: the app ended it, or its time ran out. */
export type TemporaryChannelEndedEvent = { channelId: string; reason: "ended" | "expired" };

/**
 * A chunk of a message being streamed (an AI model's answer, say), delivered live only:
 * chunks of one message share its id and count up from 1. The finished message then
 * arrives as a "message" publication under that id; offline devices and syncs see only it.
 */
export type StreamChunkEvent = {
  messageId: string;
  channelType: ChannelTypeNumber;
  channelId: string;
  senderId: string;
  seq: number;
  chunk: string;
  complete: boolean;
  /** text, markdown or html, as the first chunk said. */
  contentType: string;
};

/** What clients receive on their personal subscription. */
export type Publication =
  | { type: "message"; message: MessageView }
  /** An edit, a recall or a metadata change: the message as it is now. */
  | { type: "message.updated"; message: MessageView }
  | ({ type: "read" } & ReadEvent)
  | ({ type: "readReceipt" } & ReadReceiptEvent)
  | ({ type: "openChannel.left" } & OpenChannelLeftEvent)
  | ({ type: "temporaryChannel.ended" } & TemporaryChannelEndedEvent)
  | ({ type: "stream.chunk" } & StreamChunkEvent);
