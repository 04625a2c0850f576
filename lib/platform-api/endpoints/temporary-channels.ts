import { z } from "zod";
import { sendTemporaryMessage } from "../../chat/messages/send-server-messages";
import { createTemporaryChannel, endTemporaryChannel, findTemporaryChannelMembers } from "../../chat/products/temporary-channels";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "TemporaryChannels", rateLimit: perSecond(100) });
const members = z.object({ channelId: z.string(), memberIds: z.array(z.string()), expiresAt: z.number().int() });

const createTemporaryChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/temporary-channel/create",
  operationId: "createTemporaryChannel",
  extension: true,
  summary: "Create a temporary conversation (customer service) of 2 to 10 fixed members, for ttlSeconds (60 to 604800, a day by default); answers its generated id",
  request: z.object({ memberIds: z.array(z.string()), ttlSeconds: z.number().int().optional() }),
  result: members,
  errors: ["notFound"],
  handle: ({ app, input }) => createTemporaryChannel({ appId: app.id, ...input }),
});

const getTemporaryChannelMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/temporary-channel/members/get",
  operationId: "getTemporaryChannelMembers",
  extension: true,
  summary: "A temporary conversation's members and when it expires",
  request: z.object({ channelId: z.string() }),
  result: members,
  errors: ["notFound"],
  handle: ({ app, input }) => findTemporaryChannelMembers({ appId: app.id, channelId: input.channelId }),
});

const sendTemporaryMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/temporary-channel/message/send",
  operationId: "sendTemporaryChannelMessage",
  extension: true,
  summary: "A message from one member to a temporary conversation: online members get it at once, the others at their next sync while it lives",
  request: z.object({ channelId: z.string(), fromUserId: z.string(), messageType: z.string(), content: z.string() }),
  result: z.object({ messageId: z.string() }),
  errors: ["notFound", "notMember", "messageBlocked", "messageRejected", "userBanned"],
  handle: ({ app, input }) => sendTemporaryMessage({ appId: app.id, channelId: input.channelId, senderId: input.fromUserId, messageType: input.messageType, content: input.content }),
});

const endTemporaryChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/temporary-channel/end",
  operationId: "endTemporaryChannel",
  extension: true,
  summary: "End a temporary conversation before it expires: it goes with its messages, and its online members get temporaryChannel.ended",
  request: z.object({ channelId: z.string() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => endTemporaryChannel({ appId: app.id, channelId: input.channelId }),
});

export const temporaryChannelEndpoints = [createTemporaryChannelEndpoint, getTemporaryChannelMembersEndpoint, sendTemporaryMessageEndpoint, endTemporaryChannelEndpoint];
