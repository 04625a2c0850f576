import { z } from "zod";
import { addGroupFavorites, deleteGroupAlias, findGroupAttributes, findGroupFavorites, getGroupAlias, removeGroupAttributes, removeGroupFavorites, setGroupAdmins, setGroupAlias, setGroupAttributes, setGroupMember } from "../../chat/products/groups";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "GroupChannelManagement", rateLimit: perSecond(100) });
const membership = z.object({ channelId: z.string(), userId: z.string() });
const users = z.object({ channelId: z.string(), userIds: z.array(z.string()) });
const favorites = membership.extend({ favoriteIds: z.array(z.string()) });

const setGroupMemberEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/set",
  operationId: "setGroupChannelMember",
  summary: "Set a member's nickname (≤ 64 characters) and extra profile (≤ 1,024) in the group; \"\" clears one",
  request: membership.extend({ nickname: z.string().optional(), extra: z.string().optional() }),
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => setGroupMember({ appId: app.id, ...input }),
});

const addGroupAdminsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/admin/add",
  operationId: "addGroupChannelAdmins",
  summary: "Make up to 30 members admins; a group has at most 10",
  request: users,
  result: null,
  errors: ["notFound", "notMember", "unprocessable"],
  handle: ({ app, input }) => setGroupAdmins({ appId: app.id, ...input, admin: true }),
});

const removeGroupAdminsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/admin/remove",
  operationId: "removeGroupChannelAdmins",
  summary: "Make up to 30 admins members again; other users are ignored",
  request: users,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setGroupAdmins({ appId: app.id, ...input, admin: false }),
});

const setGroupAliasEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/alias/set",
  operationId: "setGroupChannelAlias",
  summary: "Set the name (1 to 64 characters) a member gives the group",
  request: membership.extend({ alias: z.string() }),
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => setGroupAlias({ appId: app.id, ...input }),
});

const deleteGroupAliasEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/alias/delete",
  operationId: "deleteGroupChannelAlias",
  summary: "Delete the name a member gives the group",
  request: membership,
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => deleteGroupAlias({ appId: app.id, ...input }),
});

const getGroupAliasEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/alias/get",
  operationId: "getGroupChannelAlias",
  summary: "The name a member gives the group; \"\" when none",
  request: membership,
  result: z.object({ alias: z.string() }),
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => getGroupAlias({ appId: app.id, ...input }),
});

const addGroupFavoritesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/favorites/add",
  operationId: "addGroupChannelFavorites",
  summary: "A member follows up to 30 other members of the group",
  request: favorites,
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => addGroupFavorites({ appId: app.id, ...input }),
});

const removeGroupFavoritesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/favorites/remove",
  operationId: "removeGroupChannelFavorites",
  summary: "A member stops following up to 30 members",
  request: favorites,
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => removeGroupFavorites({ appId: app.id, ...input }),
});

const listGroupFavoritesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/favorites/list",
  operationId: "listGroupChannelFavorites",
  summary: "The members a member follows, the earliest followed first",
  request: membership,
  result: z.object({ userId: z.string(), channelId: z.string(), favorites: z.array(z.object({ userId: z.string(), favoritedAt: z.number().int() })) }),
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => findGroupFavorites({ appId: app.id, ...input }),
});

const attributeKeys = z.array(z.string());

const setGroupAttributesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/attributes/set",
  operationId: "setGroupChannelAttributes",
  extension: true,
  summary: "Set keys of the group's custom attributes (keys of 1 to 128 letters, digits and _ + = - .; string values up to 4,096 characters; 100 keys at most)",
  request: z.object({ channelId: z.string(), attributes: z.record(z.string(), z.string()) }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setGroupAttributes({ appId: app.id, ...input }),
});

const removeGroupAttributesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/attributes/remove",
  operationId: "removeGroupChannelAttributes",
  extension: true,
  summary: "Remove keys of the group's custom attributes",
  request: z.object({ channelId: z.string(), keys: attributeKeys }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeGroupAttributes({ appId: app.id, ...input }),
});

const getGroupAttributesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/attributes/get",
  operationId: "getGroupChannelAttributes",
  extension: true,
  summary: "The group's custom attributes (those of keys when given), each with who changed it last (\"\" for the app server) and when",
  request: z.object({ channelId: z.string(), keys: attributeKeys.optional() }),
  result: z.object({ attributes: z.record(z.string(), z.object({ value: z.string(), updatedBy: z.string(), updatedAt: z.number() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findGroupAttributes({ appId: app.id, ...input }),
});

export const groupMemberEndpoints = [
  setGroupMemberEndpoint,
  addGroupAdminsEndpoint,
  removeGroupAdminsEndpoint,
  setGroupAliasEndpoint,
  deleteGroupAliasEndpoint,
  getGroupAliasEndpoint,
  addGroupFavoritesEndpoint,
  removeGroupFavoritesEndpoint,
  listGroupFavoritesEndpoint,
  setGroupAttributesEndpoint,
  removeGroupAttributesEndpoint,
  getGroupAttributesEndpoint,
];
