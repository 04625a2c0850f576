import type { ChannelTypeNumber } from "../channels/channel-types";

/** A stored message as clients and app servers see it. */
export type MessageView = {
  messageId: string;
  channelType: ChannelTypeNumber;
  /** The target as the sender addressed it: the recipient's user id for direct messages. */
  channelId: string;
  senderId: string;
  seq: number;
  sentAt: number;
  messageType: string;
  content: unknown;
  clientMessageId?: string;
};

/** Serialized once per message; every recipient session gets the same text. */
export function serializeMessageView(view: MessageView): string {
  return JSON.stringify({ type: "message", message: view });
}
