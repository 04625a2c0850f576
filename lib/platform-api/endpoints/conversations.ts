import { z } from "zod";
import { addUserChannelTags, findTaggedConversations, findUserChannelTags, getConversationAttributes, getNotificationLevel, pinConversation, removeUserChannelTags, setNotificationLevel, tagConversations } from "../../chat/products/conversations";
import { defineEndpoint } from "../endpoint";

const tag = "ChannelManagement";
const rateLimit = { perSecond: 100 };
const conversations = z.array(z.object({ channelId: z.string(), channelType: z.number().int() }));
const taggedConversations = z.object({ userId: z.string(), tagId: z.string(), channels: conversations });
const level = z.object({ noDisturbLevel: z.number().int() });

export const pinConversationEndpoint = defineEndpoint({
  path: "/v4/channel/pin/set",
  operationId: "setChannelPin",
  summary: "Pin a user's conversation to the top of their list, or unpin it; the user must be in it",
  tag,
  api: "v4",
  request: z.object({ userId: z.string(), channelType: z.number().int(), channelId: z.string(), isPin: z.boolean() }),
  result: null,
  rateLimit,
  errors: ["notFound", "notMember", "unprocessable"],
  handle: ({ app, input }) => pinConversation({ appId: app.id, userId: input.userId, channelType: input.channelType, channelId: input.channelId, pinned: input.isPin }),
});

export const setChannelNotificationEndpoint = defineEndpoint({
  path: "/v4/channel/push/set",
  operationId: "setChannelNotificationLevel",
  summary: "Set a user's do-not-disturb level (-1 to 5; 0 follows the channel type) of one conversation",
  tag,
  api: "v4",
  request: z.object({ channelType: z.string(), requestId: z.string(), channelId: z.string(), subchannelId: z.string().optional(), noDisturbLevel: z.number().int() }),
  result: null,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setNotificationLevel({ appId: app.id, userId: input.requestId, ...input, level: input.noDisturbLevel }),
});

export const getChannelNotificationEndpoint = defineEndpoint({
  path: "/v4/channel/push/get",
  operationId: "getChannelNotificationLevel",
  summary: "The do-not-disturb level in force for a user's conversation: its own, else its channel type's, else 0",
  tag,
  api: "v4",
  request: z.object({ channelType: z.string(), requestId: z.string(), channelId: z.string(), subchannelId: z.string().optional() }),
  result: level,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => getNotificationLevel({ appId: app.id, userId: input.requestId, ...input }),
});

export const setChannelTypeNotificationEndpoint = defineEndpoint({
  path: "/v4/channel-type/push/set",
  operationId: "setChannelTypeNotificationLevel",
  summary: "Set a user's do-not-disturb level (-1 to 5; 0 the default) of every conversation of a channel type",
  tag,
  api: "v4",
  request: z.object({ channelType: z.string(), requestId: z.string(), noDisturbLevel: z.number().int() }),
  result: null,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setNotificationLevel({ appId: app.id, userId: input.requestId, channelType: input.channelType, level: input.noDisturbLevel }),
});

export const getChannelTypeNotificationEndpoint = defineEndpoint({
  path: "/v4/channel-type/push/get",
  operationId: "getChannelTypeNotificationLevel",
  summary: "A user's do-not-disturb level of a channel type; 0 when not set",
  tag,
  api: "v4",
  request: z.object({ channelType: z.string(), requestId: z.string() }),
  result: level,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => getNotificationLevel({ appId: app.id, userId: input.requestId, channelType: input.channelType }),
});

export const addUserChannelTagsEndpoint = defineEndpoint({
  path: "/v4/user/channel/tag/add",
  operationId: "addUserChannelTags",
  summary: "Add conversation tags to a user's own (at most 20), or rename theirs",
  tag,
  api: "v4",
  request: z.object({ userId: z.string(), tags: z.array(z.object({ tagId: z.string(), tagName: z.string() })) }),
  result: null,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => addUserChannelTags({ appId: app.id, ...input }),
});

export const removeUserChannelTagsEndpoint = defineEndpoint({
  path: "/v4/user/channel/tag/remove",
  operationId: "removeUserChannelTags",
  summary: "Delete a user's conversation tags, and the tags from their conversations",
  tag,
  api: "v4",
  request: z.object({ userId: z.string(), tagIds: z.array(z.string()) }),
  result: null,
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => removeUserChannelTags({ appId: app.id, ...input }),
});

export const listUserChannelTagsEndpoint = defineEndpoint({
  path: "/v4/user/channel/tag/list",
  operationId: "listUserChannelTags",
  summary: "A user's conversation tags, the earliest created first",
  tag,
  api: "v4",
  request: z.object({ userId: z.string() }),
  result: z.object({ userId: z.string(), tags: z.array(z.object({ tagId: z.string(), tagName: z.string(), createdAt: z.number().int() })) }),
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => findUserChannelTags({ appId: app.id, ...input }),
});

export const tagConversationsEndpoint = defineEndpoint({
  path: "/v4/channel/tag/add",
  operationId: "addChannelTag",
  summary: "Put a user's tag on up to 100 of their conversations",
  tag,
  api: "v4",
  request: taggedConversations,
  result: null,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => tagConversations({ appId: app.id, ...input, tagged: true }),
});

export const untagConversationsEndpoint = defineEndpoint({
  path: "/v4/channel/tag/delete",
  operationId: "deleteChannelTag",
  summary: "Take a user's tag off up to 100 of their conversations",
  tag,
  api: "v4",
  request: taggedConversations,
  result: null,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => tagConversations({ appId: app.id, ...input, tagged: false }),
});

export const listTaggedConversationsEndpoint = defineEndpoint({
  path: "/v4/channel/tag/list",
  operationId: "listChannelsByTag",
  summary: "The conversations that carry a user's tag",
  tag,
  api: "v4",
  request: z.object({ userId: z.string(), tagId: z.string() }),
  result: z.object({ tagId: z.string(), channels: conversations }),
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => findTaggedConversations({ appId: app.id, ...input }),
});

export const getConversationAttributesEndpoint = defineEndpoint({
  path: "/v4/channel/attribute/get",
  operationId: "getChannelAttributes",
  summary: "Whether a user's conversation is pinned, its do-not-disturb level in force and its tags",
  tag,
  api: "v4",
  request: z.object({ userId: z.string(), channelId: z.string(), channelType: z.number().int() }),
  result: z.object({
    channelId: z.string(),
    channelType: z.number().int(),
    pin: z.object({ isPinned: z.boolean() }),
    notification: z.object({ level: z.number().int() }),
    tags: z.array(z.object({ tagId: z.string(), tagName: z.string() })),
  }),
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => getConversationAttributes({ appId: app.id, ...input }),
});
