import { z } from "zod";
import { broadcastChannelId, ChannelType } from "../../chat/base/channels/channel-types";
import { recallMessage } from "../../chat/messages/change-message";
import { ChatError } from "../../chat/base/errors";
import { sendAudiencePush } from "../../chat/messages/audience-push";
import { broadcastMessage, sendSystemMessages } from "../../chat/messages/send-server-messages";
import { defineEndpoint, perSecond, type RateWindows, v4Endpoint } from "../endpoint";
import { pushOf } from "../message-fields";

const messageFields = { fromUserId: z.string(), messageType: z.string(), content: z.string(), disableUpdateLastMsg: z.boolean().optional() };
/** Push options of the contract: pushContent, pushData and iOS's contentAvailable shape the offline push (pushExt is taken without effect). */
const pushOptions = { pushContent: z.string().optional(), pushData: z.string().optional(), pushExt: z.string().optional(), contentAvailable: z.number().int().optional() };
/** A broadcast to every user: the contract allows 2 an hour and 3 a day. */
const broadcastRateLimit: RateWindows = { windows: [{ limit: 2, per: "hour" }, { limit: 3, per: "day" }] };
const v4 = v4Endpoint({ tag: "SystemMessages", rateLimit: perSecond(100) });

/** Pushes by tag and by app package: 2 an hour and 3 a day together, as the contract shares them. */
const audiencePushRateLimit: RateWindows = { ...broadcastRateLimit, sharedAs: "pushes to an audience" };
const audiencePushRequest = z.object({
  platform: z.array(z.string()),
  fromUserId: z.string(),
  audience: z.object({
    userId: z.array(z.string()).optional(),
    tag: z.array(z.string()).optional(),
    tagOr: z.array(z.string()).optional(),
    packageName: z.string().optional(),
    isToAll: z.boolean().optional(),
  }),
  message: z.object({ content: z.string(), messageType: z.string(), disableUpdateLastMsg: z.boolean().optional() }),
  notification: z.object({
    title: z.string().optional(),
    alert: z.string().optional(),
    forceShowPushContent: z.number().int().optional(),
    // Taken for the contract: per-platform options of its own push services.
    ios: z.record(z.string(), z.unknown()).optional(),
    android: z.record(z.string(), z.unknown()).optional(),
    harmonyOS: z.record(z.string(), z.unknown()).optional(),
  }),
});
const audiencePushResult = z.object({ id: z.string(), messageId: z.string() });
const audiencePush = (appId: string, input: z.infer<typeof audiencePushRequest>) =>
  sendAudiencePush({ appId, fromUserId: input.fromUserId, platforms: input.platform, audience: input.audience, message: input.message, notification: input.notification });

const pushToTaggedUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/system-channel/tagged-users/send",
  operationId: "sendSystemChannelPushByTag",
  summary:
    "A notification to the devices (of the platforms named) of the users carrying every tag of audience.tag and one of audience.tagOr, or those listed, or everyone; the message reaches those online, live, under the answer's messageId",
  request: audiencePushRequest,
  result: audiencePushResult,
  rateLimit: audiencePushRateLimit,
  errors: [],
  handle: ({ app, input }) => audiencePush(app.id, input),
});

const pushToPackageUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/system-channel/app-package-users/send",
  operationId: "sendSystemChannelPushByPackage",
  summary: "A notification to the devices registered from audience.packageName (of the platforms named); the message reaches their users online, live",
  request: audiencePushRequest,
  result: audiencePushResult,
  rateLimit: audiencePushRateLimit,
  errors: [],
  handle: ({ app, input }) => {
    if (input.audience.packageName === undefined) throw new ChatError("invalidParameter", "audience.packageName names the app package whose devices get the push");
    return audiencePush(app.id, input);
  },
});

const sendSystemMessagesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/system-channel/message/send",
  operationId: "sendSystemChannelMessage",
  summary: "A message in the system channel of each of up to 100 users",
  request: z.object({ ...messageFields, ...pushOptions, toUserIds: z.array(z.string()), shouldPersist: z.number().int().optional(), disablePush: z.boolean().optional() }),
  result: z.object({ messageIds: z.array(z.object({ userId: z.string(), messageId: z.string() })) }),
  rateLimit: { ...perSecond(100), counts: { unit: "recipients", of: (input) => input.toUserIds.length } },
  errors: ["notFound", "messageBlocked", "userBanned"],
  handle: ({ app, input }) =>
    sendSystemMessages({
      appId: app.id,
      senderId: input.fromUserId,
      toUserIds: input.toUserIds,
      messageType: input.messageType,
      content: input.content,
      byServer: { persist: input.shouldPersist !== 0, echoToSender: false, verifyBlocklist: false },
      ...pushOf(input),
    }),
});

const broadcastToAllEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/system-channel/message/broadcast-all",
  operationId: "broadcastSystemChannelMessage",
  summary: "A system message to every user of the app, stored once: connected users get it at once, the others at their next sync, and a push notification on their devices",
  request: z.object({ ...messageFields, ...pushOptions }),
  result: z.object({ messageId: z.string() }),
  rateLimit: broadcastRateLimit,
  errors: ["messageBlocked", "userBanned"],
  handle: ({ app, input }) => broadcastMessage({ appId: app.id, senderId: input.fromUserId, messageType: input.messageType, content: input.content, persist: true, ...pushOf(input) }),
});

const broadcastToOnlineEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/system-channel/message/broadcast-online",
  operationId: "broadcastMessageOnline",
  summary: "A system message to every connected user of the app, never stored",
  request: z.object(messageFields),
  result: z.object({ messageId: z.string() }),
  rateLimit: { windows: [{ limit: 60, per: "minute" }] },
  errors: ["messageBlocked", "userBanned"],
  handle: ({ app, input }) => broadcastMessage({ appId: app.id, senderId: input.fromUserId, messageType: input.messageType, content: input.content, persist: false }),
});

const deleteBroadcastEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/system-channel/message/broadcast/delete",
  operationId: "deleteBroadcastMessage",
  summary: "Recall a broadcast to all users, of fromUserId (or anyone's, with isAdmin 1); every device learns it live or at its next sync",
  request: z.object({
    fromUserId: z.string(),
    messageId: z.string(),
    isAdmin: z.number().int().optional(),
    // Taken for the contract: the message id alone finds the broadcast.
    sentAt: z.number().int().optional(),
    extra: z.string().optional(),
    disableUpdateLastMsg: z.boolean().optional(),
  }),
  result: null,
  rateLimit: broadcastRateLimit,
  errors: ["notFound", "forbidden"],
  handle: ({ app, input }) =>
    recallMessage({
      appId: app.id,
      userId: input.fromUserId,
      channelType: ChannelType.system,
      channelId: broadcastChannelId,
      messageId: input.messageId,
      asServer: true,
      asAdmin: input.isAdmin === 1,
    }),
});

export const systemMessageEndpoints = [
  sendSystemMessagesEndpoint,
  broadcastToAllEndpoint,
  broadcastToOnlineEndpoint,
  deleteBroadcastEndpoint,
  pushToTaggedUsersEndpoint,
  pushToPackageUsersEndpoint,
];
