import { z } from "zod";
import { createGroup } from "../../chat/groups/create-group";
import { dismissGroup } from "../../chat/groups/dismiss-group";
import { findGroupMembers } from "../../chat/groups/find-group-members";
import { findGroupProfiles } from "../../chat/groups/find-group-profiles";
import { findJoinedGroups } from "../../chat/groups/find-joined-groups";
import { joinGroup } from "../../chat/groups/join-group";
import { leaveGroup } from "../../chat/groups/leave-group";
import { defineEndpoint } from "../endpoint";

const tag = "GroupChannelManagement";
const rateLimit = { perSecond: 100 };
const jsonObject = z.record(z.string(), z.unknown());

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

export const createGroupEndpoint = defineEndpoint({
  path: "/v4/group-channel/create",
  operationId: "createGroupChannel",
  summary: "Create a group of an owner and up to 30 members",
  tag,
  api: "v4",
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
  rateLimit,
  errors: ["notFound", "conflict"],
  handle: ({ app, input }) => createGroup({ appId: app.id, ...input }),
});

export const joinGroupEndpoint = defineEndpoint({
  path: "/v4/group-channel/join",
  operationId: "joinGroupChannel",
  summary: "Add up to 30 users to a group (members already in it stay as they are); answers the group's profile",
  tag,
  api: "v4",
  request: z.object({ channelId: z.string(), userIds: z.array(z.string()) }),
  result: groupProfile,
  rateLimit,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => joinGroup({ appId: app.id, ...input }),
});

export const leaveGroupEndpoint = defineEndpoint({
  path: "/v4/group-channel/leave",
  operationId: "quitGroupChannel",
  summary: "Remove up to 30 users from a group; when the owner leaves, the group has no owner",
  tag,
  api: "v4",
  request: z.object({
    channelId: z.string(),
    userIds: z.array(z.string()),
    // Taken for the contract: a leaving member's mute goes with their membership, and
    // Switchboard keeps no allowed-senders lists or favorites yet.
    shouldDeleteMute: z.number().int().optional(),
    shouldDeleteAllowedSendersList: z.number().int().optional(),
    shouldDeleteFavorites: z.number().int().optional(),
  }),
  result: null,
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => leaveGroup({ appId: app.id, channelId: input.channelId, userIds: input.userIds }),
});

export const dismissGroupEndpoint = defineEndpoint({
  path: "/v4/group-channel/dismiss",
  operationId: "dismissGroupChannel",
  summary: "Delete a group with its members and messages",
  tag,
  api: "v4",
  request: z.object({ channelId: z.string() }),
  result: null,
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => dismissGroup({ appId: app.id, ...input }),
});

export const listGroupMembersEndpoint = defineEndpoint({
  path: "/v4/group-channel/member/list",
  operationId: "listGroupChannelMembers",
  summary: "A page of a group's members by join time, of one role (memberRole 1 to 3) or all (0)",
  tag,
  api: "v4",
  request: z.object({
    channelId: z.string(),
    memberRole: z.number().int().optional(),
    pageToken: z.string().optional(),
    pageSize: z.number().int().optional(),
    order: z.number().int().optional(),
  }),
  result: z.object({
    totalCount: z.number().int(),
    pageToken: z.string(),
    members: z.array(z.object({ userId: z.string(), role: z.number().int(), joinedAt: z.number().int() })),
  }),
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => findGroupMembers({ appId: app.id, ...input }),
});

export const listJoinedGroupsEndpoint = defineEndpoint({
  path: "/v4/group-channel/joined/list",
  operationId: "listUserJoinedGroupChannels",
  summary: "A page of the groups a user is in, by join time, with one role (1 to 3) or any (0)",
  tag,
  api: "v4",
  request: z.object({
    userId: z.string(),
    role: z.number().int().optional(),
    pageToken: z.string().optional(),
    pageSize: z.number().int().optional(),
    order: z.number().int().optional(),
  }),
  result: z.object({ pageToken: z.string(), groups: z.array(groupProfile.extend({ role: z.number().int(), joinedAt: z.number().int() })) }),
  rateLimit,
  errors: ["notFound"],
  handle: ({ app, input }) => findJoinedGroups({ appId: app.id, ...input }),
});

export const listGroupProfilesEndpoint = defineEndpoint({
  path: "/v4/group-channel/profile/list",
  operationId: "batchGetGroupChannelProfiles",
  summary: "The profiles of up to 20 groups; ids of no group are left out",
  tag,
  api: "v4",
  request: z.object({ channelIds: z.array(z.string()) }),
  result: z.object({ profiles: z.array(groupProfile) }),
  rateLimit,
  errors: [],
  handle: ({ app, input }) => findGroupProfiles({ appId: app.id, ...input }),
});
