import { z } from "zod";

/** Fields of the v4 message endpoints, shared by the declarations of every channel type that sends or lists messages. */

/** The contract's 0/1 switches. */
export const flag = z.number().int().optional();
/** Push options (pushContent, pushData, disablePush and iOS's contentAvailable act on the offline push), and options of the contract taken without effect (pushExt, disableUpdateLastMsg). */
const pushOptions = {
  pushContent: z.string().optional(),
  pushData: z.string().optional(),
  pushExt: z.string().optional(),
  contentAvailable: z.number().int().optional(),
  disablePush: z.boolean().optional(),
  disableUpdateLastMsg: z.boolean().optional(),
  // Every message takes metadata, whatever hasMetadata says; metadata sent here is stored with the message.
  hasMetadata: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
};
export const sendFields = {
  fromUserId: z.string(),
  messageType: z.string(),
  /** JSON text of the content object. */
  content: z.string(),
  isEchoToSender: flag,
  shouldPersist: flag,
  needReadReceipt: flag,
  ...pushOptions,
};

type SendFields = { fromUserId: string; messageType: string; content: string; isEchoToSender?: number; shouldPersist?: number; needReadReceipt?: number; metadata?: Record<string, unknown> } & PushFields;
type PushFields = { pushContent?: string; pushData?: string; disablePush?: boolean; contentAvailable?: number };

/** The contract's push fields, as the send pipeline takes them. */
export const pushOf = (input: PushFields) => ({ push: { content: input.pushContent, data: input.pushData, disabled: input.disablePush, contentAvailable: input.contentAvailable === 1 } });

/** How the app server's flags steer the send pipeline; a message is stored unless told not to. */
export const serverSend = (input: SendFields, verifyBlocklist?: number) => ({
  senderId: input.fromUserId,
  messageType: input.messageType,
  content: input.content,
  needReadReceipt: input.needReadReceipt === 1,
  metadata: input.metadata,
  byServer: { persist: input.shouldPersist !== 0, echoToSender: input.isEchoToSender === 1, verifyBlocklist: verifyBlocklist === 1 },
  ...pushOf(input),
});

export const metadataItem = z.object({ key: z.string(), value: z.string(), updatedAt: z.number().int() });

export const historyRequest = z.object({
  userId: z.string(),
  channelId: z.string(),
  startAt: z.number().int(),
  endAt: z.number().int(),
  pageSize: z.number().int().optional(),
  includeStart: z.boolean(),
});
/** A stored message as every history lists it; `quote` names the message a reply quotes (JSON text). */
export const historyItem = z.object({
  /** As the request named the conversation. */
  channelId: z.string(),
  fromUserId: z.string(),
  messageId: z.string(),
  sentAt: z.number().int(),
  messageType: z.string(),
  /** The content as stored: JSON text. */
  content: z.string(),
  quote: z.string().optional(),
});
/** ... with its metadata, where messages carry metadata (not in open channels). */
export const historyItemWithMetadata = historyItem.extend({ hasMetadata: z.boolean(), metadata: z.array(metadataItem).optional() });
/** Direct and group histories also say which messages an AI model wrote (streamed ones). */
export const historyResult = z.object({ messages: z.array(historyItemWithMetadata.extend({ aiGenerated: z.boolean() })) });
