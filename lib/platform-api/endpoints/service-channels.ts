import { z } from "zod";
import { broadcastServiceMessage, sendServiceMessages } from "../../chat/messages/send-server-messages";
import { createServiceChannel, deleteServiceChannel, findServiceChannelHistory, findServiceChannels, findServiceSubscribers, getServiceChannel } from "../../chat/products/service-channels";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";
import { historyItemWithMetadata, pushOf } from "../message-fields";

const v4 = v4Endpoint({ tag: "ServiceChannels", rateLimit: perSecond(100) });
const serviceChannel = z.object({ channelId: z.string(), name: z.string(), profile: z.record(z.string(), z.unknown()), createdAt: z.number().int(), subscriberCount: z.number().int() });
const page = { pageToken: z.string().optional(), pageSize: z.number().int().optional(), order: z.number().int().optional() };
/** A message from the service channel; `fromUserId` names who speaks for it, the channel's id when absent. */
const messageFields = {
  channelId: z.string(),
  fromUserId: z.string().optional(),
  messageType: z.string(),
  content: z.string(),
  pushContent: z.string().optional(),
  pushData: z.string().optional(),
  disablePush: z.boolean().optional(),
};
type MessageFields = { channelId: string; fromUserId?: string; messageType: string; content: string; pushContent?: string; pushData?: string; disablePush?: boolean };
const serverSend = (appId: string, input: MessageFields) => ({
  appId,
  channelId: input.channelId,
  senderId: input.fromUserId ?? input.channelId,
  messageType: input.messageType,
  content: input.content,
  byServer: { persist: true, echoToSender: false, verifyBlocklist: false },
  ...pushOf(input),
});

const createServiceChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/create",
  operationId: "createServiceChannel",
  extension: true,
  summary: "Create a service channel (a system conversation: an official account, a bot, notifications), which users subscribe to from their clients",
  request: z.object({ channelId: z.string(), name: z.string(), profile: z.record(z.string(), z.unknown()).optional() }),
  result: null,
  errors: ["conflict"],
  handle: ({ app, input }) => createServiceChannel({ appId: app.id, ...input }),
});

const getServiceChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/get",
  operationId: "getServiceChannel",
  extension: true,
  summary: "A service channel with its subscriber count",
  request: z.object({ channelId: z.string() }),
  result: serviceChannel,
  errors: ["notFound"],
  handle: ({ app, input }) => getServiceChannel({ appId: app.id, ...input }),
});

const listServiceChannelsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/list",
  operationId: "listServiceChannels",
  extension: true,
  summary: "A page of the app's service channels by creation time (order 0 oldest first, 1 newest first), each with its subscriber count",
  request: z.object(page),
  result: z.object({ pageToken: z.string(), channels: z.array(serviceChannel) }),
  errors: [],
  handle: ({ app, input }) => findServiceChannels({ appId: app.id, ...input }),
});

const deleteServiceChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/delete",
  operationId: "deleteServiceChannel",
  extension: true,
  summary: "Delete a service channel with its subscriptions, its broadcasts and every subscriber's thread with it",
  request: z.object({ channelId: z.string() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => deleteServiceChannel({ appId: app.id, ...input }),
});

const listServiceSubscribersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/subscriber/list",
  operationId: "listServiceChannelSubscribers",
  extension: true,
  summary: "A page of a service channel's subscribers by the time they subscribed, with their total count",
  request: z.object({ channelId: z.string(), ...page }),
  result: z.object({ totalCount: z.number().int(), pageToken: z.string(), subscribers: z.array(z.object({ userId: z.string(), subscribedAt: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findServiceSubscribers({ appId: app.id, ...input }),
});

const broadcastServiceMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/message/broadcast",
  operationId: "broadcastServiceChannelMessage",
  extension: true,
  summary: "A message to every subscriber of a service channel, stored once: online subscribers get it at once, the others at their next sync",
  request: z.object(messageFields),
  result: z.object({ messageId: z.string() }),
  errors: ["notFound", "messageBlocked", "userBanned"],
  handle: ({ app, input }) => broadcastServiceMessage(serverSend(app.id, input)),
});

const sendServiceMessagesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/message/send",
  operationId: "sendServiceChannelMessage",
  extension: true,
  summary: "A message from a service channel to each of up to 1,000 of its subscribers (e.g. a bot's answer), which only that subscriber sees",
  request: z.object({ ...messageFields, toUserIds: z.array(z.string()) }),
  result: z.object({ messageIds: z.array(z.object({ userId: z.string(), messageId: z.string() })) }),
  rateLimit: { ...perSecond(100), counts: { unit: "recipients", of: (input) => input.toUserIds.length } },
  errors: ["notFound", "notMember", "messageBlocked", "userBanned"],
  handle: ({ app, input }) => sendServiceMessages({ ...serverSend(app.id, input), toUserIds: input.toUserIds }),
});

const listServiceHistoryEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/service-channel/history-message/list",
  operationId: "listServiceChannelHistoryMessages",
  extension: true,
  summary: "Stored messages of a service channel, newest first, from startAt back to endAt (at most 14 days): its broadcasts, or with userId that subscriber's thread with it",
  request: z.object({ channelId: z.string(), userId: z.string().optional(), startAt: z.number().int(), endAt: z.number().int(), pageSize: z.number().int().optional(), includeStart: z.boolean() }),
  result: z.object({ messages: z.array(historyItemWithMetadata) }),
  rateLimit: perSecond(10),
  errors: ["notFound"],
  handle: ({ app, input }) => findServiceChannelHistory({ appId: app.id, ...input }),
});

export const serviceChannelEndpoints = [
  createServiceChannelEndpoint,
  getServiceChannelEndpoint,
  listServiceChannelsEndpoint,
  deleteServiceChannelEndpoint,
  listServiceSubscribersEndpoint,
  broadcastServiceMessageEndpoint,
  sendServiceMessagesEndpoint,
  listServiceHistoryEndpoint,
];
