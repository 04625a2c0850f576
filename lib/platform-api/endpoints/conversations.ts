import { z } from "zod";
import { addUserChannelTags, findTaggedConversations, findUserChannelTags, getConversationAttributes, getNotificationLevel, pinConversation, removeUserChannelTags, setNotificationLevel, tagConversations } from "../../chat/products/conversations";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "ChannelManagement", rateLimit: perSecond(100) });
const conversations = z.array(z.object({ channelId: z.string(), channelType: z.number().int() }));
const taggedConversations = z.object({ userId: z.string(), tagId: z.string(), channels: conversations });
const level = z.object({ noDisturbLevel: z.number().int() });

const pinConversationEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/pin/set",
  operationId: "setChannelPin",
  summary: "Pin a user's conversation to the top of their list, or unpin it; the user must be in it",
  request: z.object({ userId: z.string(), channelType: z.number().int(), channelId: z.string(), isPin: z.boolean() }),
  result: null,
  errors: ["notFound", "notMember", "unprocessable"],
  handle: ({ app, input }) => pinConversation({ appId: app.id, userId: input.userId, channelType: input.channelType, channelId: input.channelId, pinned: input.isPin }),
});

const setChannelNotificationEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/push/set",
  operationId: "setChannelNotificationLevel",
  summary: "Set a user's do-not-disturb level (-1 to 5; 0 follows the channel type) of one conversation",
  request: z.object({ channelType: z.string(), requestId: z.string(), channelId: z.string(), subchannelId: z.string().optional(), noDisturbLevel: z.number().int() }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setNotificationLevel({ appId: app.id, userId: input.requestId, ...input, level: input.noDisturbLevel }),
});

const getChannelNotificationEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/push/get",
  operationId: "getChannelNotificationLevel",
  summary: "The do-not-disturb level in force for a user's conversation: its own, else its channel type's, else 0",
  request: z.object({ channelType: z.string(), requestId: z.string(), channelId: z.string(), subchannelId: z.string().optional() }),
  result: level,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => getNotificationLevel({ appId: app.id, userId: input.requestId, ...input }),
});

const setChannelTypeNotificationEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/push/set",
  operationId: "setChannelTypeNotificationLevel",
  summary: "Set a user's do-not-disturb level (-1 to 5; 0 the default) of every conversation of a channel type",
  request: z.object({ channelType: z.string(), requestId: z.string(), noDisturbLevel: z.number().int() }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setNotificationLevel({ appId: app.id, userId: input.requestId, channelType: input.channelType, level: input.noDisturbLevel }),
});

const getChannelTypeNotificationEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/push/get",
  operationId: "getChannelTypeNotificationLevel",
  summary: "A user's do-not-disturb level of a channel type; 0 when not set",
  request: z.object({ channelType: z.string(), requestId: z.string() }),
  result: level,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => getNotificationLevel({ appId: app.id, userId: input.requestId, channelType: input.channelType }),
});

const addUserChannelTagsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/channel/tag/add",
  operationId: "addUserChannelTags",
  summary: "Add conversation tags to a user's own (at most 20), or rename theirs",
  request: z.object({ userId: z.string(), tags: z.array(z.object({ tagId: z.string(), tagName: z.string() })) }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => addUserChannelTags({ appId: app.id, ...input }),
});

const removeUserChannelTagsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/channel/tag/remove",
  operationId: "removeUserChannelTags",
  summary: "Delete a user's conversation tags, and the tags from their conversations",
  request: z.object({ userId: z.string(), tagIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeUserChannelTags({ appId: app.id, ...input }),
});

const listUserChannelTagsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/channel/tag/list",
  operationId: "listUserChannelTags",
  summary: "A user's conversation tags, the earliest created first",
  request: z.object({ userId: z.string() }),
  result: z.object({ userId: z.string(), tags: z.array(z.object({ tagId: z.string(), tagName: z.string(), createdAt: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findUserChannelTags({ appId: app.id, ...input }),
});

const tagConversationsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/tag/add",
  operationId: "addChannelTag",
  summary: "Put a user's tag on up to 100 of their conversations",
  request: taggedConversations,
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => tagConversations({ appId: app.id, ...input, tagged: true }),
});

const untagConversationsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/tag/delete",
  operationId: "deleteChannelTag",
  summary: "Take a user's tag off up to 100 of their conversations",
  request: taggedConversations,
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => tagConversations({ appId: app.id, ...input, tagged: false }),
});

const listTaggedConversationsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/tag/list",
  operationId: "listChannelsByTag",
  summary: "The conversations that carry a user's tag",
  request: z.object({ userId: z.string(), tagId: z.string() }),
  result: z.object({ tagId: z.string(), channels: conversations }),
  errors: ["notFound"],
  handle: ({ app, input }) => findTaggedConversations({ appId: app.id, ...input }),
});

const getConversationAttributesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel/attribute/get",
  operationId: "getChannelAttributes",
  summary: "Whether a user's conversation is pinned, its do-not-disturb level in force and its tags",
  request: z.object({ userId: z.string(), channelId: z.string(), channelType: z.number().int() }),
  result: z.object({
    channelId: z.string(),
    channelType: z.number().int(),
    /** pinnedAt: when it was pinned (Unix ms), while it is. */
    pin: z.object({ isPinned: z.boolean(), pinnedAt: z.number().int().optional() }),
    notification: z.object({ level: z.number().int() }),
    tags: z.array(z.object({ tagId: z.string(), tagName: z.string() })),
  }),
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => getConversationAttributes({ appId: app.id, ...input }),
});

export const conversationEndpoints = [
  pinConversationEndpoint,
  setChannelNotificationEndpoint,
  getChannelNotificationEndpoint,
  setChannelTypeNotificationEndpoint,
  getChannelTypeNotificationEndpoint,
  addUserChannelTagsEndpoint,
  removeUserChannelTagsEndpoint,
  listUserChannelTagsEndpoint,
  tagConversationsEndpoint,
  untagConversationsEndpoint,
  listTaggedConversationsEndpoint,
  getConversationAttributesEndpoint,
];
