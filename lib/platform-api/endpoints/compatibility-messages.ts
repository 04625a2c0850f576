import { z } from "zod";
import { recallMessage } from "../../chat/messages/change-message";
import { historyDownloadDays, historyDownloadUrl, parseHistoryHour } from "../../chat/messages/history-download";
import { broadcastMessage, sendDirectMessages, sendGroupMessages, sendSystemMessages } from "../../chat/messages/send-server-messages";
import { compatibilityEndpoint, defineEndpoint, perSecond } from "../endpoint";
import { formFlag, formInteger, formList } from "../form-fields";

/**
 * The older form API's messages, over the same send pipeline as v4. Its names: objectName
 * for the message type, isPersisted, isIncludeSender (echo to the sender), verifyBlacklist.
 */

const messageFields = { fromUserId: z.string(), objectName: z.string(), content: z.string() };
/** Optional fields of the older API's sends: the push fields shape the offline push, the others are taken and not acted on. */
const sendOptions = {
  pushContent: z.string().optional(),
  pushData: z.string().optional(),
  disablePush: z.enum(["true", "false"], { error: 'disablePush is "true" or "false"' }).optional(),
  pushExt: z.string().optional(),
  count: z.string().optional(),
  contentAvailable: z.string().optional(),
  disableUpdateLastMsg: z.string().optional(),
  expansion: z.string().optional(),
  extraContent: z.string().optional(),
  isCounted: z.string().optional(),
  isMentioned: z.string().optional(),
  os: z.string().optional(),
};

type LegacySend = {
  fromUserId: string;
  objectName: string;
  content: string;
  isPersisted?: boolean;
  isIncludeSender?: boolean;
  verifyBlacklist?: boolean;
  pushContent?: string;
  pushData?: string;
  disablePush?: "true" | "false";
};

/** The older API's defaults: stored, not echoed to the sender, blocklist not verified. */
const serverSend = (appId: string, input: LegacySend) => ({
  appId,
  senderId: input.fromUserId,
  messageType: input.objectName,
  content: input.content,
  byServer: { persist: input.isPersisted ?? true, echoToSender: input.isIncludeSender ?? false, verifyBlocklist: input.verifyBlacklist ?? false },
  push: { content: input.pushContent, data: input.pushData, disabled: input.disablePush === "true" },
});
/** Status messages are delivered to connected sessions only and never stored, whatever their type. */
const statusSend = (appId: string, input: LegacySend) => serverSend(appId, { ...input, isPersisted: false });

const privateRequest = z.object({
  ...messageFields,
  ...sendOptions,
  toUserId: formList,
  isPersisted: formFlag.optional(),
  isIncludeSender: formFlag.optional(),
  verifyBlacklist: formFlag.optional(),
});
const groupRequest = z.object({
  ...messageFields,
  ...sendOptions,
  toGroupId: formList,
  /** A directed message: only these members of the (single) group get it. */
  toUserId: formList.optional(),
  isPersisted: formFlag.optional(),
  isIncludeSender: formFlag.optional(),
});

const legacyPublishPrivateEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/private/publish.json",
  operationId: "legacyPublishPrivateMessage",
  summary: "One direct message to each of up to 1,000 users (older API)",
  request: privateRequest,
  result: z.object({ messageUIDs: z.array(z.object({ userId: z.string(), messageUID: z.string() })) }),
  rateLimit: perSecond(100),
  errors: ["notFound", "messageBlocked", "userBanned"],
  handle: async ({ app, input }) => {
    const { messageIds } = await sendDirectMessages({ ...serverSend(app.id, input), toUserIds: input.toUserId });
    return { messageUIDs: messageIds.map(({ userId, messageId }) => ({ userId, messageUID: messageId })) };
  },
});

const legacyPublishGroupEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/group/publish.json",
  operationId: "legacyPublishGroupMessage",
  summary: "A message from a member to each of up to 3 groups, or (toUserId) to some members of one (older API)",
  request: groupRequest,
  result: z.object({ messageUIDs: z.array(z.object({ groupId: z.string(), messageUID: z.string() })) }),
  rateLimit: { ...perSecond(20), counts: { unit: "groups", of: (input) => input.toGroupId.length } },
  errors: ["notFound", "notMember", "messageBlocked", "userBanned"],
  handle: async ({ app, input }) => {
    const { messageIds } = await sendGroupMessages({ ...serverSend(app.id, input), toChannelIds: input.toGroupId, toUserIds: input.toUserId });
    return { messageUIDs: messageIds.map(({ channelId, messageId }) => ({ groupId: channelId, messageUID: messageId })) };
  },
});

const legacyPublishSystemEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/system/publish.json",
  operationId: "legacyPublishSystemMessage",
  summary: "A message in the system channel of each of up to 100 users (older API)",
  request: z.object({ ...messageFields, ...sendOptions, toUserId: formList, isPersisted: formFlag.optional() }),
  result: z.object({ messageUIDs: z.array(z.object({ userId: z.string(), messageUID: z.string() })) }),
  rateLimit: { ...perSecond(100), counts: { unit: "recipients", of: (input) => input.toUserId.length } },
  errors: ["notFound", "messageBlocked", "userBanned"],
  handle: async ({ app, input }) => {
    const { messageIds } = await sendSystemMessages({ ...serverSend(app.id, input), toUserIds: input.toUserId });
    return { messageUIDs: messageIds.map(({ userId, messageId }) => ({ userId, messageUID: messageId })) };
  },
});

const legacyBroadcastEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/broadcast.json",
  operationId: "legacyBroadcastMessage",
  summary: "A system message to every user of the app, stored once (older API)",
  request: z.object({ ...messageFields, ...sendOptions }),
  result: z.object({ messageUID: z.string() }),
  rateLimit: perSecond(1),
  errors: ["messageBlocked", "userBanned"],
  handle: async ({ app, input }) => ({
    messageUID: (await broadcastMessage({ appId: app.id, senderId: input.fromUserId, messageType: input.objectName, content: input.content, persist: true })).messageId,
  }),
});

const legacyBroadcastOnlineEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/online/broadcast.json",
  operationId: "legacyBroadcastOnlineMessage",
  summary: "A system message to every connected user of the app, never stored (older API)",
  request: z.object(messageFields),
  result: z.object({ messageUID: z.string() }),
  rateLimit: perSecond(1),
  errors: ["messageBlocked", "userBanned"],
  handle: async ({ app, input }) => ({
    messageUID: (await broadcastMessage({ appId: app.id, senderId: input.fromUserId, messageType: input.objectName, content: input.content, persist: false })).messageId,
  }),
});

const legacyRecallEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/recall.json",
  operationId: "legacyRecallMessage",
  summary: "Recall a stored message of its sender, or anyone's with isAdmin 1 (older API)",
  request: z.object({
    fromUserId: z.string(),
    conversationType: formInteger,
    targetId: z.string(),
    messageUID: z.string(),
    isAdmin: formFlag.optional(),
    // Taken and not acted on: the message id alone finds the message.
    sentTime: z.string().optional(),
    isDelete: z.string().optional(),
    disablePush: z.string().optional(),
    extra: z.string().optional(),
  }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound", "forbidden"],
  handle: ({ app, input }) =>
    recallMessage({
      appId: app.id,
      userId: input.fromUserId,
      channelType: input.conversationType,
      channelId: input.targetId,
      messageId: input.messageUID,
      asServer: true,
      asAdmin: input.isAdmin ?? false,
    }),
});

const legacyStatusPrivateEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/statusmessage/private/publish.json",
  operationId: "legacyPublishPrivateStatusMessage",
  summary: "A status message to each of up to 1,000 users: delivered to connected sessions, never stored (older API)",
  request: privateRequest.omit({ isPersisted: true }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound", "messageBlocked", "userBanned"],
  handle: async ({ app, input }) => {
    await sendDirectMessages({ ...statusSend(app.id, input), toUserIds: input.toUserId });
  },
});

const legacyStatusGroupEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/statusmessage/group/publish.json",
  operationId: "legacyPublishGroupStatusMessage",
  summary: "A status message from a member to each of up to 3 groups: delivered to connected sessions, never stored (older API)",
  // verifyBlacklist is taken: blocklists concern direct messages.
  request: groupRequest.omit({ isPersisted: true }).extend({ verifyBlacklist: formFlag.optional() }),
  result: null,
  rateLimit: { ...perSecond(20), counts: { unit: "groups", of: (input) => input.toGroupId.length } },
  errors: ["notFound", "notMember", "messageBlocked", "userBanned"],
  handle: async ({ app, input }) => {
    await sendGroupMessages({ ...statusSend(app.id, input), toChannelIds: input.toGroupId, toUserIds: input.toUserId });
  },
});

const legacyHistoryEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/history.json",
  operationId: "legacyMessageHistory",
  summary: `A signed link, valid for an hour, to a gzipped JSON Lines file of every message the app stored in one UTC hour (date YYYYMMDDHH) of the last ${historyDownloadDays} days`,
  request: z.object({ date: z.string() }),
  result: z.object({ url: z.string(), date: z.string() }),
  rateLimit: perSecond(10),
  errors: [],
  handle: async ({ app, input, origin }) => {
    parseHistoryHour(input.date);
    return { url: historyDownloadUrl({ origin, app, date: input.date }), date: input.date };
  },
});

export const compatibilityMessageEndpoints = [
  legacyPublishPrivateEndpoint,
  legacyPublishGroupEndpoint,
  legacyPublishSystemEndpoint,
  legacyBroadcastEndpoint,
  legacyBroadcastOnlineEndpoint,
  legacyRecallEndpoint,
  legacyStatusPrivateEndpoint,
  legacyStatusGroupEndpoint,
  legacyHistoryEndpoint,
];
