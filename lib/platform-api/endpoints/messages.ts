import { z } from "zod";
import { ChannelType } from "../../chat/base/channels/channel-types";
import { editMessage, recallMessage } from "../../chat/messages/change-message";
import { clearChannelHistory } from "../../chat/messages/clear-channel-history";
import { findHistoryMessages } from "../../chat/messages/find-history-messages";
import { deleteMessageMetadata, findMessageMetadata, setMessageMetadata } from "../../chat/messages/message-metadata";
import { sendDirectMessages, sendGroupMessages } from "../../chat/messages/send-server-messages";
import { sendStreamChunk } from "../../chat/messages/stream-messages";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";
import { flag, historyRequest, historyResult, metadataItem, sendFields, serverSend } from "../message-fields";

const v4 = v4Endpoint({ tag: "MessageManagement", rateLimit: perSecond(100) });

const sendDirectMessagesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/direct-channel/message/send",
  operationId: "sendDirectChannelMessage",
  summary: "One direct message from a user to each of up to 1,000 users; with verifyBlocklist 1, recipients who blocked the sender are left out",
  request: z.object({ ...sendFields, toUserIds: z.array(z.string()), verifyBlocklist: flag, count: z.number().int().optional() }),
  result: z.object({ messageIds: z.array(z.object({ userId: z.string(), messageId: z.string() })) }),
  rateLimit: { windows: [{ limit: 6000, per: "minute" }], counts: { unit: "recipients", of: (input) => input.toUserIds.length } },
  errors: ["notFound", "messageBlocked", "userBanned"],
  handle: ({ app, input }) => sendDirectMessages({ appId: app.id, toUserIds: input.toUserIds, ...serverSend(input, input.verifyBlocklist) }),
});

const sendGroupMessagesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/message/send",
  operationId: "sendGroupChannelMessage",
  summary: "A message from a member to each of up to 3 groups, or (toUserIds) to some members of one group; mentions travel inside content",
  request: z.object({ ...sendFields, toChannelIds: z.array(z.string()), toUserIds: z.array(z.string()).optional(), hasMention: flag }),
  result: z.object({ messageIds: z.array(z.object({ channelId: z.string(), messageId: z.string() })) }),
  rateLimit: { ...perSecond(20), counts: { unit: "groups", of: (input) => input.toChannelIds.length } },
  errors: ["notFound", "notMember", "messageBlocked", "userBanned"],
  handle: ({ app, input }) => sendGroupMessages({ appId: app.id, toChannelIds: input.toChannelIds, toUserIds: input.toUserIds, ...serverSend(input) }),
});

/** A chunk of a streamed message: the first opens it (and is answered its id), the last has complete true. */
const streamChunk = z.object({
  content: z.string(),
  seq: z.number().int(),
  complete: z.boolean(),
  completeReason: z.number().int().optional(),
  type: z.string().optional(),
  messageId: z.string().optional(),
  user: z.record(z.string(), z.unknown()).optional(),
  mentionedInfo: z.record(z.string(), z.unknown()).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});
const streamFields = {
  fromUserId: z.string(),
  messageType: z.string(),
  content: streamChunk,
  isEchoToSender: flag,
  shouldPersist: flag,
  /** Stored with the finished message (the first chunk's). */
  metadata: z.record(z.string(), z.string()).optional(),
  // Taken for the contract: the conversation's last message is its newest, streamed or not.
  disableUpdateLastMsg: z.boolean().optional(),
};
const streamResult = z.object({ messageId: z.string() });
const streamSend = (input: { fromUserId: string; messageType: string; content: z.infer<typeof streamChunk>; isEchoToSender?: number; shouldPersist?: number; metadata?: Record<string, string> }) => ({
  senderId: input.fromUserId,
  messageType: input.messageType,
  chunk: input.content,
  echoToSender: input.isEchoToSender === 1,
  persist: input.shouldPersist !== 0,
  metadata: input.metadata,
});

const streamDirectMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/direct-channel/message/stream/send",
  operationId: "sendDirectChannelStreamMessage",
  summary:
    "A chunk of a streamed direct message (an AI model's answer, say): the first (seq 1) opens it and is answered its messageId, which later chunks name; each reaches the recipient's online devices at once, and the message is stored once, when a chunk says complete or none came for a while",
  request: z.object({ ...streamFields, toUserId: z.string() }),
  result: streamResult,
  errors: ["notFound", "conflict", "payloadTooLarge", "messageBlocked", "userBanned", "blockedByRecipient"],
  handle: ({ app, input }) => sendStreamChunk({ appId: app.id, target: { channelType: ChannelType.direct, recipientId: input.toUserId }, ...streamSend(input) }),
});

const streamGroupMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/message/stream/send",
  operationId: "sendGroupChannelStreamMessage",
  summary: "A chunk of a streamed group message from a member, to the group or (toUserIds) to some of its members; chunks as for direct streams",
  request: z.object({ ...streamFields, toChannelId: z.string(), toUserIds: z.array(z.string()).optional(), hasMention: flag }),
  result: streamResult,
  errors: ["notFound", "notMember", "conflict", "payloadTooLarge", "messageBlocked", "userBanned"],
  handle: ({ app, input }) =>
    sendStreamChunk({ appId: app.id, target: { channelType: ChannelType.group, groupId: input.toChannelId, toUserIds: input.toUserIds }, ...streamSend(input) }),
});

const deleteMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/message/delete",
  operationId: "deleteMessage",
  summary: "Recall a stored message of its sender (or anyone's, with isAdmin 1); every member's devices learn it live or at their next sync",
  request: z.object({
    fromUserId: z.string(),
    channelType: z.number().int(),
    channelId: z.string(),
    messageId: z.string(),
    isAdmin: flag,
    /** A community message's subchannel. */
    subchannelId: z.string().optional(),
    // Taken for the contract: the message id finds the message.
    sentAt: z.number().int().optional(),
    extra: z.string().optional(),
    disablePush: z.boolean().optional(),
    disableUpdateLastMsg: z.boolean().optional(),
  }),
  result: null,
  errors: ["notFound", "forbidden"],
  handle: ({ app, input }) =>
    recallMessage({
      appId: app.id,
      userId: input.fromUserId,
      channelType: input.channelType,
      channelId: input.channelId,
      subchannelId: input.subchannelId,
      messageId: input.messageId,
      asServer: true,
      asAdmin: input.isAdmin === 1,
    }),
});

const updateFields = { fromUserId: z.string(), messageId: z.string(), content: z.string() };

const updateDirectMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/direct-channel/message/update",
  operationId: "updateDirectChannelMessage",
  summary: "Replace the content of a direct message its sender sent to targetId",
  request: z.object({ ...updateFields, targetId: z.string() }),
  result: null,
  errors: ["notFound", "forbidden", "unprocessable", "messageBlocked"],
  handle: ({ app, input }) =>
    editMessage({ appId: app.id, userId: input.fromUserId, channelType: ChannelType.direct, channelId: input.targetId, messageId: input.messageId, content: input.content, asServer: true }),
});

const updateGroupMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/message/update",
  operationId: "updateGroupChannelMessage",
  summary: "Replace the content of a group message its sender sent",
  request: z.object({ ...updateFields, channelId: z.string() }),
  result: null,
  errors: ["notFound", "forbidden", "unprocessable", "messageBlocked"],
  handle: ({ app, input }) =>
    editMessage({ appId: app.id, userId: input.fromUserId, channelType: ChannelType.group, channelId: input.channelId, messageId: input.messageId, content: input.content, asServer: true }),
});

const deleteHistoryEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/message/history/delete",
  operationId: "deleteChannelMessageHistory",
  summary: "Delete fromUserId's stored history of a conversation (direct, group or their system channel) up to sentAt, or all of it; the other members keep theirs",
  request: z.object({
    channelType: z.number().int(),
    fromUserId: z.string(),
    channelId: z.string(),
    sentAt: z.string().regex(/^\d+$/, "sentAt must be a time in Unix milliseconds").transform(Number).optional(),
  }),
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => clearChannelHistory({ appId: app.id, userId: input.fromUserId, channelType: input.channelType, channelId: input.channelId, sentAt: input.sentAt }),
});

const listDirectHistoryEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/direct-channel/history-message/list",
  operationId: "listDirectChannelHistoryMessages",
  summary: "Stored messages between two users, newest first, from startAt back to endAt (at most 14 days)",
  request: historyRequest,
  result: historyResult,
  rateLimit: perSecond(10),
  errors: ["notFound"],
  handle: ({ app, input }) => findHistoryMessages({ appId: app.id, channelType: ChannelType.direct, ...input }),
});

const listGroupHistoryEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/history-message/list",
  operationId: "listGroupChannelHistoryMessages",
  summary: "Stored messages of a group as one of its members sees them, newest first, from startAt back to endAt (at most 14 days)",
  request: historyRequest,
  result: historyResult,
  rateLimit: perSecond(10),
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => findHistoryMessages({ appId: app.id, channelType: ChannelType.group, ...input }),
});

/** Metadata goes on direct and group messages. */
/** Direct and group messages carry metadata: any other type is refused by name. */
const metadataChannelType = z
  .number()
  .int()
  .refine((type) => type === ChannelType.direct || type === ChannelType.group, "channelType must be 1 (direct) or 3 (group)") as z.ZodType<typeof ChannelType.direct | typeof ChannelType.group>;
const metadataTarget = { messageId: z.string(), userId: z.string(), channelType: metadataChannelType, channelId: z.string() };

const setMessageMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/message/metadata/set",
  operationId: "setChannelTypeMessageMetadata",
  summary: "Set up to 100 metadata keys of a direct or group message, on behalf of userId; the conversation's devices learn it",
  // Taken for the contract: the setter's own devices always learn the change.
  request: z.object({ ...metadataTarget, metadata: z.record(z.string(), z.string()), isEchoToSender: flag }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setMessageMetadata({ appId: app.id, ...input, asServer: true }),
});

const deleteMessageMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/message/metadata/delete",
  operationId: "deleteChannelTypeMessageMetadata",
  summary: "Remove metadata keys of a direct or group message; the conversation's devices learn it",
  request: z.object({ ...metadataTarget, keys: z.array(z.string()), syncToSender: flag }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => deleteMessageMetadata({ appId: app.id, ...input, asServer: true }),
});

const listMessageMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/message/metadata/list",
  operationId: "listChannelTypeMessageMetadata",
  summary: "A message's metadata by key, 100 keys a page (page from 1)",
  request: z.object({ messageId: z.string(), page: z.number().int().optional() }),
  result: z.object({ metadata: z.array(metadataItem) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findMessageMetadata({ appId: app.id, ...input }),
});

export const messageEndpoints = [
  sendDirectMessagesEndpoint,
  sendGroupMessagesEndpoint,
  streamDirectMessageEndpoint,
  streamGroupMessageEndpoint,
  deleteMessageEndpoint,
  updateDirectMessageEndpoint,
  updateGroupMessageEndpoint,
  deleteHistoryEndpoint,
  listDirectHistoryEndpoint,
  listGroupHistoryEndpoint,
  setMessageMetadataEndpoint,
  deleteMessageMetadataEndpoint,
  listMessageMetadataEndpoint,
];
