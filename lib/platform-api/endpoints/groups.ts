import { z } from "zod";
import { createGroup, createUniqueGroup, dismissGroup, findGroupMembers, findGroupMembersByIds, findGroupProfiles, findGroups, findJoinedGroups, joinGroup, kickUserFromGroups, leaveGroup, transferGroupOwner, updateGroupProfile } from "../../chat/products/groups";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "GroupChannelManagement", rateLimit: perSecond(100) });
const jsonObject = z.record(z.string(), z.unknown());

/** The contract's 0/1 flags. */
const flag = z.number().int().optional();

const groupProfile = z.object({
  channelId: z.string(),
  name: z.string(),
  groupProfile: jsonObject,
  groupExtProfile: z.record(z.string(), z.string()),
  permissions: jsonObject,
  // "" once the owner left.
  owner: z.string(),
  createdAt: z.number().int(),
  memberCount: z.number().int(),
});

const groupMember = z.object({ userId: z.string(), role: z.number().int(), nickname: z.string(), extra: z.string(), joinedAt: z.number().int() });

const createGroupEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/create",
  operationId: "createGroupChannel",
  summary: "Create a group of an owner and up to 30 members",
  request: z.object({
    channelId: z.string(),
    name: z.string(),
    owner: z.string(),
    userIds: z.array(z.string()).optional(),
    groupProfile: jsonObject.optional(),
    permissions: jsonObject.optional(),
    groupExtProfile: z.record(z.string(), z.string()).optional(),
  }),
  result: null,
  errors: ["notFound", "conflict"],
  handle: ({ app, input }) => createGroup({ appId: app.id, ...input }),
});

const createUniqueGroupEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/unique/create",
  operationId: "createUniqueGroupChannel",
  extension: true,
  summary: "Create the group of exactly an owner and up to 30 members once: the same set again answers the group created then (created false)",
  request: z.object({ name: z.string(), owner: z.string(), userIds: z.array(z.string()) }),
  result: z.object({ channelId: z.string(), created: z.boolean() }),
  errors: ["notFound"],
  handle: ({ app, input }) => createUniqueGroup({ appId: app.id, ...input }),
});

const joinGroupEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/join",
  operationId: "joinGroupChannel",
  summary: "Add up to 30 users to a group (members already in it stay as they are); answers the group's profile",
  request: z.object({ channelId: z.string(), userIds: z.array(z.string()) }),
  result: groupProfile,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => joinGroup({ appId: app.id, ...input }),
});

const leaveGroupEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/leave",
  operationId: "quitGroupChannel",
  summary: "Remove up to 30 users from a group; when the owner leaves, the group has no owner. 1 in the flags also drops their allowed-sender entries and favorites",
  request: z.object({
    channelId: z.string(),
    userIds: z.array(z.string()),
    // A leaving member's mute always goes with their membership.
    shouldDeleteMute: flag,
    shouldDeleteAllowedSendersList: flag,
    shouldDeleteFavorites: flag,
  }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) =>
    leaveGroup({
      appId: app.id,
      channelId: input.channelId,
      userIds: input.userIds,
      deleteAllowedSenders: input.shouldDeleteAllowedSendersList === 1,
      deleteFavorites: input.shouldDeleteFavorites === 1,
    }),
});

const dismissGroupEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/dismiss",
  operationId: "dismissGroupChannel",
  summary: "Delete a group with its members and messages",
  request: z.object({ channelId: z.string() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => dismissGroup({ appId: app.id, ...input }),
});

const listGroupMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/list",
  operationId: "listGroupChannelMembers",
  summary: "A page of a group's members by join time, of one role (memberRole 1 to 3) or all (0)",
  request: z.object({
    channelId: z.string(),
    memberRole: z.number().int().optional(),
    pageToken: z.string().optional(),
    pageSize: z.number().int().optional(),
    order: z.number().int().optional(),
  }),
  result: z.object({ totalCount: z.number().int(), pageToken: z.string(), members: z.array(groupMember) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findGroupMembers({ appId: app.id, ...input }),
});

const listJoinedGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/joined/list",
  operationId: "listUserJoinedGroupChannels",
  summary: "A page of the groups a user is in, by join time, with one role (1 to 3) or any (0)",
  request: z.object({
    userId: z.string(),
    role: z.number().int().optional(),
    pageToken: z.string().optional(),
    pageSize: z.number().int().optional(),
    order: z.number().int().optional(),
  }),
  result: z.object({ pageToken: z.string(), groups: z.array(groupProfile.extend({ role: z.number().int(), joinedAt: z.number().int(), /** The name the user gave the group, when they gave one. */ alias: z.string().optional() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findJoinedGroups({ appId: app.id, ...input }),
});

const listGroupProfilesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/profile/list",
  operationId: "batchGetGroupChannelProfiles",
  summary: "The profiles of up to 20 groups; ids of no group are left out",
  request: z.object({ channelIds: z.array(z.string()) }),
  result: z.object({ profiles: z.array(groupProfile) }),
  errors: [],
  handle: ({ app, input }) => findGroupProfiles({ appId: app.id, ...input }),
});

const transferGroupOwnerEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/transfer/owner",
  operationId: "transferGroupChannelOwner",
  summary: "Give a group to one of its members; the previous owner stays as a member or leaves (shouldLeave 1), and the flags drop their mute, allowed-sender entry and favorites",
  request: z.object({
    channelId: z.string(),
    newOwner: z.string(),
    shouldLeave: flag,
    shouldDeleteMute: flag,
    shouldDeleteAllowedSendersList: flag,
    shouldDeleteFavorites: flag,
  }),
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) =>
    transferGroupOwner({
      appId: app.id,
      channelId: input.channelId,
      newOwner: input.newOwner,
      leave: input.shouldLeave === 1,
      deleteMute: input.shouldDeleteMute === 1,
      deleteAllowedSenders: input.shouldDeleteAllowedSendersList === 1,
      deleteFavorites: input.shouldDeleteFavorites === 1,
    }),
});

const updateGroupProfileEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/profile/update",
  operationId: "updateGroupChannelProfile",
  summary: "Replace the given parts of a group's profile; members get an Update notification",
  request: z.object({
    channelId: z.string(),
    groupProfile: jsonObject.optional(),
    permissions: jsonObject.optional(),
    groupExtProfile: z.record(z.string(), z.string()).optional(),
  }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => updateGroupProfile({ appId: app.id, ...input }),
});

const listGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/list",
  operationId: "listGroupChannels",
  summary: "A page of the app's groups by creation time",
  request: z.object({ pageToken: z.string().optional(), pageSize: z.number().int().optional(), order: z.number().int().optional() }),
  result: z.object({
    pageToken: z.string(),
    groups: z.array(z.object({ channelId: z.string(), name: z.string(), groupProfile: jsonObject, creator: z.string(), owner: z.string(), createdAt: z.number().int() })),
  }),
  errors: [],
  handle: ({ app, input }) => findGroups({ appId: app.id, ...input }),
});

const getGroupMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/batch/get",
  operationId: "batchGetGroupChannelMembers",
  summary: "Up to 100 given members of a group; users who are not members are left out",
  request: z.object({ channelId: z.string(), userIds: z.array(z.string()) }),
  result: z.object({ pageToken: z.string(), totalCount: z.number().int(), members: z.array(groupMember) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findGroupMembersByIds({ appId: app.id, ...input }),
});

const kickUserFromGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/member/kickout-all",
  operationId: "kickUserFromAllGroupChannels",
  summary: "Remove a user from every group of the app; each group gets a Kicked notification",
  request: z.object({ userId: z.string() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => kickUserFromGroups({ appId: app.id, ...input }),
});

export const groupEndpoints = [
  createGroupEndpoint,
  createUniqueGroupEndpoint,
  joinGroupEndpoint,
  leaveGroupEndpoint,
  dismissGroupEndpoint,
  listGroupMembersEndpoint,
  listJoinedGroupsEndpoint,
  listGroupProfilesEndpoint,
  transferGroupOwnerEndpoint,
  updateGroupProfileEndpoint,
  listGroupsEndpoint,
  getGroupMembersEndpoint,
  kickUserFromGroupsEndpoint,
];
