import { z } from "zod";
import { addGroupFavorites, deleteGroupAlias, findGroupAttributes, findGroupFavorites, getGroupAlias, removeGroupAttributes, removeGroupFavorites, setGroupAdmins, setGroupAlias, setGroupAttributes, setGroupMember } from "../../chat/products/groups";
import { defineEndpoint } from "../endpoint";

const tag = "GroupChannelManagement";
const rateLimit = { perSecond: 100 };
const membership = z.object({ channelId: z.string(), userId: z.string() });
const users = z.object({ channelId: z.string(), userIds: z.array(z.string()) });
const favorites = membership.extend({ favoriteIds: z.array(z.string()) });

export const setGroupMemberEndpoint = defineEndpoint({
  path: "/v4/group-channel/member/set",
  operationId: "setGroupChannelMember",
  summary: "Set a member's nickname (≤ 64 characters) and extra profile (≤ 1,024) in the group; \"\" clears one",
  tag,
  api: "v4",
  request: membership.extend({ nickname: z.string().optional(), extra: z.string().optional() }),
  result: null,
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => setGroupMember({ appId: app.id, ...input }),
});

export const addGroupAdminsEndpoint = defineEndpoint({
  path: "/v4/group-channel/admin/add",
  operationId: "addGroupChannelAdmins",
  summary: "Make up to 30 members admins; a group has at most 10",
  tag,
  api: "v4",
  request: users,
  result: null,
  rateLimit,
  errors: ["notFound", "notMember", "unprocessable"],
  handle: ({ app, input }) => setGroupAdmins({ appId: app.id, ...input, admin: true }),
});

export const removeGroupAdminsEndpoint = defineEndpoint({
  path: "/v4/group-channel/admin/remove",
  operationId: "removeGroupChannelAdmins",
  summary: "Make up to 30 admins members again; other users are ignored",
  tag,
  api: "v4",
  request: users,
  result: null,
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => setGroupAdmins({ appId: app.id, ...input, admin: false }),
});

export const setGroupAliasEndpoint = defineEndpoint({
  path: "/v4/group-channel/alias/set",
  operationId: "setGroupChannelAlias",
  summary: "Set the name (1 to 64 characters) a member gives the group",
  tag,
  api: "v4",
  request: membership.extend({ alias: z.string() }),
  result: null,
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => setGroupAlias({ appId: app.id, ...input }),
});

export const deleteGroupAliasEndpoint = defineEndpoint({
  path: "/v4/group-channel/alias/delete",
  operationId: "deleteGroupChannelAlias",
  summary: "Delete the name a member gives the group",
  tag,
  api: "v4",
  request: membership,
  result: null,
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => deleteGroupAlias({ appId: app.id, ...input }),
});

export const getGroupAliasEndpoint = defineEndpoint({
  path: "/v4/group-channel/alias/get",
  operationId: "getGroupChannelAlias",
  summary: "The name a member gives the group; \"\" when none",
  tag,
  api: "v4",
  request: membership,
  result: z.object({ alias: z.string() }),
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => getGroupAlias({ appId: app.id, ...input }),
});

export const addGroupFavoritesEndpoint = defineEndpoint({
  path: "/v4/group-channel/member/favorites/add",
  operationId: "addGroupChannelFavorites",
  summary: "A member follows up to 30 other members of the group",
  tag,
  api: "v4",
  request: favorites,
  result: null,
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => addGroupFavorites({ appId: app.id, ...input }),
});

export const removeGroupFavoritesEndpoint = defineEndpoint({
  path: "/v4/group-channel/member/favorites/remove",
  operationId: "removeGroupChannelFavorites",
  summary: "A member stops following up to 30 members",
  tag,
  api: "v4",
  request: favorites,
  result: null,
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => removeGroupFavorites({ appId: app.id, ...input }),
});

export const listGroupFavoritesEndpoint = defineEndpoint({
  path: "/v4/group-channel/member/favorites/list",
  operationId: "listGroupChannelFavorites",
  summary: "The members a member follows, the earliest followed first",
  tag,
  api: "v4",
  request: membership,
  result: z.object({ userId: z.string(), channelId: z.string(), favorites: z.array(z.object({ userId: z.string(), favoritedAt: z.number().int() })) }),
  rateLimit,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => findGroupFavorites({ appId: app.id, ...input }),
});

const attributeKeys = z.array(z.string());

export const setGroupAttributesEndpoint = defineEndpoint({
  path: "/v4/group-channel/attributes/set",
  operationId: "setGroupChannelAttributes",
  extension: true,
  summary: "Set keys of the group's custom attributes (keys of 1 to 128 letters, digits and _ + = - .; string values up to 4,096 characters; 100 keys at most)",
  tag,
  api: "v4",
  request: z.object({ channelId: z.string(), attributes: z.record(z.string(), z.string()) }),
  result: null,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setGroupAttributes({ appId: app.id, ...input }),
});

export const removeGroupAttributesEndpoint = defineEndpoint({
  path: "/v4/group-channel/attributes/remove",
  operationId: "removeGroupChannelAttributes",
  extension: true,
  summary: "Remove keys of the group's custom attributes",
  tag,
  api: "v4",
  request: z.object({ channelId: z.string(), keys: attributeKeys }),
  result: null,
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => removeGroupAttributes({ appId: app.id, ...input }),
});

export const getGroupAttributesEndpoint = defineEndpoint({
  path: "/v4/group-channel/attributes/get",
  operationId: "getGroupChannelAttributes",
  extension: true,
  summary: "The group's custom attributes (those of keys when given), each with who changed it last (\"\" for the app server) and when",
  tag,
  api: "v4",
  request: z.object({ channelId: z.string(), keys: attributeKeys.optional() }),
  result: z.object({ attributes: z.record(z.string(), z.object({ value: z.string(), updatedBy: z.string(), updatedAt: z.number() })) }),
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => findGroupAttributes({ appId: app.id, ...input }),
});
