import type { ChannelTypeNumber } from "../../../lib/contract/index.js";

/** What `sendMessage` takes (RPC `message.send`, docs/protocol.md "Sending"). */
export type SendMessageInput = {
  /** Every channel type but system (6), which only the app server writes to. */
  channelType: Exclude<ChannelTypeNumber, 6>;
  channelId: string;
  subchannelId?: string;
  messageType?: string;
  content: Record<string, unknown>;
  clientMessageId?: string;
  needReadReceipt?: boolean;
  toUserIds?: string[];
  /** The offline push notification's text and data instead of the defaults, or none. */
  push?: { content?: string; data?: string; disabled?: boolean };
};
