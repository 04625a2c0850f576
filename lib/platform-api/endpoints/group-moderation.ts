import { z } from "zod";
import { addAllowedSenders, findAllowedSenders, findGroupFreezes, findGroupMutes, muteGroupMembers, removeAllowedSenders, setGroupsFrozen, unmuteGroupMembers } from "../../chat/products/groups";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "GroupChannelManagement", rateLimit: perSecond(100) });
const users = z.object({ channelId: z.string(), userIds: z.array(z.string()) });
const groups = z.object({ channelIds: z.array(z.string()) });

const muteGroupMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/user/mute-list/add",
  operationId: "addGroupChannelMutedMembers",
  summary: "Mute up to 30 members of a group, or without channelId users in every group, for 1 to 43,200 minutes",
  request: z.object({ channelId: z.string().optional(), userIds: z.array(z.string()), durationMinutes: z.number().int() }),
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => muteGroupMembers({ appId: app.id, ...input }),
});

const unmuteGroupMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/user/mute-list/remove",
  operationId: "removeGroupChannelMutedMembers",
  summary: "End the mutes of up to 30 users in a group, or without channelId in every group",
  request: z.object({ channelId: z.string().optional(), userIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => unmuteGroupMembers({ appId: app.id, ...input }),
});

const listGroupMutesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/user/mute-list/get",
  operationId: "listGroupChannelMutedMembers",
  summary: "The users muted in a group, or without channelId in every group (the first 1,000), with when their mute ends (UTC)",
  request: z.object({ channelId: z.string().optional() }),
  result: z.object({ mutedMembers: z.array(z.object({ userId: z.string(), mutedAt: z.string().optional(), muteExpiresAt: z.string() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findGroupMutes({ appId: app.id, ...input }),
});

const freezeGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/freeze-list/add",
  operationId: "addGroupChannelFreezes",
  summary: "Freeze up to 20 groups: only their allowed senders may send",
  request: groups,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setGroupsFrozen({ appId: app.id, ...input, frozen: true }),
});

const unfreezeGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/freeze-list/remove",
  operationId: "removeGroupChannelFreezes",
  summary: "Unfreeze up to 20 groups",
  request: groups,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setGroupsFrozen({ appId: app.id, ...input, frozen: false }),
});

const listGroupFreezesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/freeze-list/get",
  operationId: "listGroupChannelFreezes",
  summary: "Whether up to 20 groups are frozen (status 1) or not (0); without channelIds a page of the frozen groups",
  request: z.object({ channelIds: z.array(z.string()).optional(), page: z.number().int().optional(), pageSize: z.number().int().optional() }),
  result: z.object({ freezeStatuses: z.array(z.object({ channelId: z.string(), status: z.number().int() })) }),
  errors: [],
  handle: ({ app, input }) => findGroupFreezes({ appId: app.id, ...input }),
});

const addAllowedSendersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/allowed-sender-list/add",
  operationId: "addGroupChannelAllowedSenders",
  summary: "Let up to 30 members send while the group is frozen or they are muted",
  request: users,
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => addAllowedSenders({ appId: app.id, ...input }),
});

const removeAllowedSendersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/allowed-sender-list/remove",
  operationId: "removeGroupChannelAllowedSenders",
  summary: "Take up to 30 users off the group's allowed senders",
  request: users,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeAllowedSenders({ appId: app.id, ...input }),
});

const listAllowedSendersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/group-channel/allowed-sender-list/get",
  operationId: "listGroupChannelAllowedSenders",
  summary: "The group's allowed senders, the earliest added first",
  request: z.object({ channelId: z.string() }),
  result: z.object({ userIds: z.array(z.string()) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findAllowedSenders({ appId: app.id, ...input }),
});

export const groupModerationEndpoints = [
  muteGroupMembersEndpoint,
  unmuteGroupMembersEndpoint,
  listGroupMutesEndpoint,
  freezeGroupsEndpoint,
  unfreezeGroupsEndpoint,
  listGroupFreezesEndpoint,
  addAllowedSendersEndpoint,
  removeAllowedSendersEndpoint,
  listAllowedSendersEndpoint,
];
