import { z } from "zod";
import { ChannelType } from "../../chat/base/channels/channel-types";
import { addCommunityRule, addPrivateMembers, addUserGroups, addUserGroupUsers, bindUserGroups, CommunityRuleKind, createCommunity, createSubchannel, deleteSubchannel, dismissCommunity, findBoundUserGroups, findCommunityRuleUsers, findPrivateMembers, findSubchannels, findUserGroups, findUserGroupSubchannels, findUserSubchannels, findUserUserGroups, getCommunityFrozen, isCommunityMember, joinCommunity, leaveCommunity, removeCommunityRule, removePrivateMembers, removeUserGroups, removeUserGroupUsers, setCommunityFrozen, setSubchannelVisibility, unbindUserGroups, updateCommunity } from "../../chat/products/communities";
import { editMessage } from "../../chat/messages/change-message";
import { findHistoryMessages } from "../../chat/messages/find-history-messages";
import { deleteMessageMetadata, findMessageMetadata, setMessageMetadata } from "../../chat/messages/message-metadata";
import { sendCommunityMessages } from "../../chat/messages/send-server-messages";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";
import { historyItemWithMetadata, pushOf } from "../message-fields";

const v4 = v4Endpoint({ tag: "CommunityChannelManagement", rateLimit: perSecond(100) });
const messageTag = "MessageManagement";
const flag = z.number().int().optional();
const page = { page: z.number().int().optional(), pageSize: z.number().int().optional() };
const community = { channelId: z.string() };
const subchannel = { channelId: z.string(), subchannelId: z.string() };
/** Rules and freezes name the community (every subchannel) or one subchannel. */
const ruleTarget = { channelId: z.string(), subchannelId: z.string().optional() };
const userIds = { userIds: z.array(z.string()) };

const createCommunityEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/create",
  operationId: "createCommunityChannel",
  summary: "Create a community; its creator (userId) is its first member",
  request: z.object({ userId: z.string(), ...community, name: z.string() }),
  result: null,
  errors: ["notFound", "conflict", "unprocessable"],
  handle: ({ app, input }) => createCommunity({ appId: app.id, ...input }),
});

const joinCommunityEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/join",
  operationId: "joinCommunityChannel",
  summary: "Add a member (a user joins at most 100 communities); joining twice changes nothing",
  request: z.object({ userId: z.string(), ...community }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => joinCommunity({ appId: app.id, ...input }),
});

const leaveCommunityEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/leave",
  operationId: "leaveCommunityChannel",
  summary: "Remove a member with their private subchannel and user group memberships",
  request: z.object({ userId: z.string(), ...community }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => leaveCommunity({ appId: app.id, ...input }),
});

const dismissCommunityEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/dismiss",
  operationId: "dismissCommunityChannel",
  summary: "Delete a community with its subchannels, members, user groups and messages",
  request: z.object(community),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => dismissCommunity({ appId: app.id, ...input }),
});

const updateCommunityEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/update",
  operationId: "updateCommunityChannel",
  summary: "Rename a community",
  request: z.object({ ...community, name: z.string() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => updateCommunity({ appId: app.id, ...input }),
});

const communityMemberExistsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/member/exist",
  operationId: "checkCommunityChannelMemberExist",
  summary: "Whether a user is a member of a community",
  request: z.object({ userId: z.string(), ...community }),
  result: z.object({ isMember: z.boolean() }),
  errors: ["notFound"],
  handle: ({ app, input }) => isCommunityMember({ appId: app.id, ...input }),
});

const listUserSubchannelsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user/subchannel/list",
  operationId: "listCommunityUserSubchannels",
  summary: "A page of the subchannels a member reads: the public ones and the private ones they have access to",
  request: z.object({ ...community, userId: z.string(), ...page }),
  result: z.object({ subChannels: z.array(z.string()) }),
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => findUserSubchannels({ appId: app.id, ...input }),
});

const createSubchannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/subchannel/create",
  operationId: "createCommunitySubchannel",
  summary: "Add a public (channelVisibility 0, the default) or private (1) subchannel; a community holds at most 50",
  request: z.object({ ...subchannel, channelVisibility: z.number().int().optional() }),
  result: null,
  errors: ["notFound", "conflict", "unprocessable"],
  handle: ({ app, input }) => createSubchannel({ appId: app.id, ...input }),
});

const deleteSubchannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/subchannel/delete",
  operationId: "deleteCommunitySubchannel",
  summary: "Delete a subchannel with its messages",
  request: z.object(subchannel),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => deleteSubchannel({ appId: app.id, ...input }),
});

const listSubchannelsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/subchannel/list",
  operationId: "listCommunitySubchannels",
  summary: "A page of a community's subchannels by creation, oldest first (order 0) or newest first (1); createdAt in Unix ms",
  request: z.object({ ...community, ...page, order: z.number().int().optional() }),
  result: z.object({ subchannels: z.array(z.object({ subchannelId: z.string(), createdAt: z.string(), channelVisibility: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findSubchannels({ appId: app.id, ...input }),
});

const updateSubchannelTypeEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/subchannel-type/update",
  operationId: "updateCommunitySubchannelType",
  summary: "Make a subchannel public (channelVisibility 0) or private (1)",
  request: z.object({ ...subchannel, channelVisibility: z.number().int().optional() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setSubchannelVisibility({ appId: app.id, ...input }),
});

const addPrivateMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/private-subchannel/member/add",
  operationId: "addCommunityPrivateSubchannelMembers",
  summary: "Give up to 100 community members access to a private subchannel",
  request: z.object({ ...subchannel, ...userIds }),
  result: null,
  errors: ["notFound", "notMember", "unprocessable"],
  handle: ({ app, input }) => addPrivateMembers({ appId: app.id, ...input }),
});

const removePrivateMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/private-subchannel/member/remove",
  operationId: "removeCommunityPrivateSubchannelMembers",
  summary: "Take away the access of up to 100 members to a private subchannel (members of its user groups keep theirs)",
  request: z.object({ ...subchannel, ...userIds }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => removePrivateMembers({ appId: app.id, ...input }),
});

const listPrivateMembersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/private-subchannel/member/list",
  operationId: "listCommunityPrivateSubchannelMembers",
  summary: "A page of a private subchannel's members, in the order they were added",
  request: z.object({ ...subchannel, ...page }),
  result: z.object({ members: z.array(z.string()) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findPrivateMembers({ appId: app.id, ...input }),
});

const addUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user-group/add",
  operationId: "addCommunityChannelUserGroups",
  summary: "Add up to 100 user groups to a community; existing ones stay",
  request: z.object({ ...community, userGroups: z.array(z.object({ userGroupId: z.string() })) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => addUserGroups({ appId: app.id, ...input }),
});

const removeUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user-group/remove",
  operationId: "deleteCommunityChannelUserGroups",
  summary: "Delete user groups with their members and bindings",
  request: z.object({ ...community, userGroupIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeUserGroups({ appId: app.id, ...input }),
});

const listUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user-group/list",
  operationId: "listCommunityChannelUserGroups",
  summary: "A page of a community's user groups by creation, oldest first (order 0) or newest first (1)",
  request: z.object({ ...community, ...page, order: z.number().int().optional() }),
  result: z.object({ userGroups: z.array(z.object({ userGroupId: z.string() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findUserGroups({ appId: app.id, ...input }),
});

const binding = z.object({ ...subchannel, userGroupIds: z.array(z.string()) });

const bindUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/channel/user-group/bind",
  operationId: "bindCommunityChannelUserGroup",
  summary: "Bind user groups to a subchannel: their members read and send to it while it is private",
  request: binding,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => bindUserGroups({ appId: app.id, ...input }),
});

const unbindUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/channel/user-group/unbind",
  operationId: "unbindCommunityChannelUserGroup",
  summary: "Unbind user groups from a subchannel",
  request: binding,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => unbindUserGroups({ appId: app.id, ...input }),
});

const listBoundUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/channel/user-group/list",
  operationId: "listCommunityChannelSubchannelUserGroups",
  summary: "A page of the user groups bound to a subchannel",
  request: z.object({ ...subchannel, ...page }),
  result: z.object({ userGroupIds: z.array(z.string()) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findBoundUserGroups({ appId: app.id, ...input }),
});

const listUserGroupSubchannelsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user-group/subchannel/list",
  operationId: "listCommunityChannelUserGroupSubchannels",
  summary: "A page of the subchannels a user group is bound to",
  request: z.object({ ...community, userGroupId: z.string(), ...page }),
  result: z.object({ subchannelIds: z.array(z.string()) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findUserGroupSubchannels({ appId: app.id, ...input }),
});

const groupUsers = z.object({ ...community, userGroupId: z.string(), ...userIds });

const addUserGroupUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user-group/user/add",
  operationId: "addCommunityChannelUserGroupUsers",
  summary: "Add up to 100 community members to a user group",
  request: groupUsers,
  result: null,
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => addUserGroupUsers({ appId: app.id, ...input }),
});

const removeUserGroupUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user-group/user/remove",
  operationId: "removeCommunityChannelUserGroupUsers",
  summary: "Remove up to 100 users from a user group",
  request: groupUsers,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeUserGroupUsers({ appId: app.id, ...input }),
});

const listUserUserGroupsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/user/user-group/list",
  operationId: "listCommunityChannelUserUserGroups",
  summary: "A page of the user groups of a community a user is in",
  request: z.object({ ...community, userId: z.string(), ...page }),
  result: z.object({ userGroupIds: z.array(z.string()) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findUserUserGroups({ appId: app.id, ...input }),
});

const ruleUsers = z.object({ ...ruleTarget, ...userIds });
const rulePage = z.object({ ...ruleTarget, ...page });
const ruleUserList = z.array(z.object({ userId: z.string() }));

const addMutedUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/mute-list/add",
  operationId: "addCommunityChannelMutedUsers",
  summary: "Mute up to 100 users in a community (every subchannel) or one subchannel: their clients cannot send there (1022)",
  request: ruleUsers,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => addCommunityRule({ appId: app.id, ...input, kind: CommunityRuleKind.mute }),
});

const removeMutedUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/mute-list/remove",
  operationId: "removeCommunityChannelMutedUsers",
  summary: "Unmute users in a community or one subchannel",
  request: ruleUsers,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeCommunityRule({ appId: app.id, ...input, kind: CommunityRuleKind.mute }),
});

const listMutedUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/mute-list/get",
  operationId: "listCommunityChannelMutedUsers",
  summary: "A page of the users muted in a community or one subchannel",
  request: rulePage,
  result: z.object({ mutedMembers: ruleUserList }),
  errors: ["notFound"],
  handle: async ({ app, input }) => ({ mutedMembers: await findCommunityRuleUsers({ appId: app.id, ...input, kind: CommunityRuleKind.mute }) }),
});

const setFrozenEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/freeze-list/set",
  operationId: "setCommunityChannelFreezeList",
  summary: "Freeze (status true) or thaw a community or one subchannel: while frozen only allowed senders' clients send there (1022)",
  request: z.object({ ...ruleTarget, status: z.boolean() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setCommunityFrozen({ appId: app.id, ...input }),
});

const getFrozenEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/freeze-list/get",
  operationId: "getCommunityChannelFreezeStatus",
  summary: "Whether a community (or one subchannel itself) is frozen",
  // Taken for the contract: the answer is one status.
  request: rulePage,
  result: z.object({ status: z.boolean() }),
  errors: ["notFound"],
  handle: ({ app, input }) => getCommunityFrozen({ appId: app.id, channelId: input.channelId, subchannelId: input.subchannelId }),
});

const addAllowedSendersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/allowed-sender-list/add",
  operationId: "addCommunityChannelAllowedSenders",
  summary: "Let up to 100 users send to a frozen community (every subchannel) or one frozen subchannel",
  request: ruleUsers,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => addCommunityRule({ appId: app.id, ...input, kind: CommunityRuleKind.allowedSender }),
});

const removeAllowedSendersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/allowed-sender-list/remove",
  operationId: "removeCommunityChannelAllowedSenders",
  summary: "Remove users from a community's or subchannel's allowed senders",
  request: ruleUsers,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeCommunityRule({ appId: app.id, ...input, kind: CommunityRuleKind.allowedSender }),
});

const listAllowedSendersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/allowed-sender-list/get",
  operationId: "listCommunityChannelAllowedSenders",
  summary: "A page of a community's or subchannel's allowed senders",
  request: rulePage,
  result: z.object({ members: ruleUserList }),
  errors: ["notFound"],
  handle: async ({ app, input }) => ({ members: await findCommunityRuleUsers({ appId: app.id, ...input, kind: CommunityRuleKind.allowedSender }) }),
});

const sendCommunityMessagesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/message/send",
  operationId: "sendCommunityChannelMessage",
  summary: "A message from a reader to each of up to 3 communities (their subchannelId, or default channel), or (toUserIds) to some readers; mentions travel inside content",
  tag: messageTag,
  request: z.object({
    fromUserId: z.string(),
    toChannelIds: z.array(z.string()),
    toUserIds: z.array(z.string()).optional(),
    subchannelId: z.string().optional(),
    messageType: z.string(),
    /** JSON text of the content object. */
    content: z.string(),
    shouldPersist: flag,
    // Taken for the contract: message kinds decide what counts, mentions are read from content.
    isCounted: flag,
    hasMention: flag,
    pushContent: z.string().optional(),
    pushData: z.string().optional(),
    pushExt: z.string().optional(),
    contentAvailable: flag,
    hasMetadata: z.boolean().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
  result: z.object({ messageIds: z.array(z.object({ channelId: z.string(), messageId: z.string() })) }),
  rateLimit: { ...perSecond(100), counts: { unit: "channels", of: (input) => input.toChannelIds.length } },
  errors: ["notFound", "notMember", "messageBlocked", "userBanned"],
  handle: ({ app, input }) =>
    sendCommunityMessages({
      appId: app.id,
      toChannelIds: input.toChannelIds,
      subchannelId: input.subchannelId,
      toUserIds: input.toUserIds,
      senderId: input.fromUserId,
      messageType: input.messageType,
      content: input.content,
      metadata: input.metadata,
      byServer: { persist: input.shouldPersist !== 0, echoToSender: false, verifyBlocklist: false },
      ...pushOf(input),
    }),
});

const updateCommunityMessageEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/message/update",
  operationId: "updateCommunityChannelMessage",
  summary: "Replace the content of a community message its sender sent",
  tag: messageTag,
  request: z.object({ ...ruleTarget, fromUserId: z.string(), messageId: z.string(), content: z.string() }),
  result: null,
  errors: ["notFound", "forbidden", "unprocessable", "messageBlocked"],
  handle: ({ app, input }) => editMessage({ appId: app.id, userId: input.fromUserId, channelType: ChannelType.community, ...input, asServer: true }),
});

const metadataTarget = { messageId: z.string(), userId: z.string(), ...ruleTarget };

const setCommunityMessageMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/message/metadata/set",
  operationId: "setCommunityChannelMessageMetadata",
  summary: "Set up to 100 metadata keys of a community message, on behalf of userId; the channel's online readers learn it",
  tag: messageTag,
  request: z.object({ ...metadataTarget, metadata: z.record(z.string(), z.string()) }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => setMessageMetadata({ appId: app.id, channelType: ChannelType.community, ...input, asServer: true }),
});

const deleteCommunityMessageMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/message/metadata/delete",
  operationId: "deleteCommunityChannelMessageMetadata",
  summary: "Remove metadata keys of a community message",
  tag: messageTag,
  request: z.object({ ...metadataTarget, keys: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => deleteMessageMetadata({ appId: app.id, channelType: ChannelType.community, ...input, asServer: true }),
});

const listCommunityMessageMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/message/metadata/list",
  operationId: "listCommunityChannelMessageMetadata",
  summary: "A community message's metadata by key, 100 keys a page (page from 1)",
  tag: messageTag,
  // Taken for the contract: the message id alone finds the message.
  request: z.object({ messageId: z.string(), ...ruleTarget, page: z.number().int().optional() }),
  result: z.object({ metadata: z.array(z.object({ key: z.string(), value: z.string(), updatedAt: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findMessageMetadata({ appId: app.id, messageId: input.messageId, page: input.page }),
});

const listCommunityHistoryEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/community-channel/history-message/list",
  operationId: "listCommunityChannelHistoryMessages",
  summary: "Stored messages of a community channel as one of its readers sees them (the app's history window), newest first, from startAt back to endAt (at most 14 days)",
  tag: messageTag,
  request: z.object({
    ...ruleTarget,
    userId: z.string(),
    startAt: z.number().int(),
    endAt: z.number().int(),
    pageSize: z.number().int().optional(),
    includeStart: z.boolean(),
  }),
  result: z.object({ messages: z.array(historyItemWithMetadata.extend({ subchannelId: z.string().optional() })) }),
  rateLimit: perSecond(10),
  errors: ["notFound", "notMember"],
  handle: ({ app, input }) => findHistoryMessages({ appId: app.id, channelType: ChannelType.community, ...input }),
});

export const communityEndpoints = [
  createCommunityEndpoint,
  joinCommunityEndpoint,
  leaveCommunityEndpoint,
  dismissCommunityEndpoint,
  updateCommunityEndpoint,
  communityMemberExistsEndpoint,
  listUserSubchannelsEndpoint,
  createSubchannelEndpoint,
  deleteSubchannelEndpoint,
  listSubchannelsEndpoint,
  updateSubchannelTypeEndpoint,
  addPrivateMembersEndpoint,
  removePrivateMembersEndpoint,
  listPrivateMembersEndpoint,
  addUserGroupsEndpoint,
  removeUserGroupsEndpoint,
  listUserGroupsEndpoint,
  bindUserGroupsEndpoint,
  unbindUserGroupsEndpoint,
  listBoundUserGroupsEndpoint,
  listUserGroupSubchannelsEndpoint,
  addUserGroupUsersEndpoint,
  removeUserGroupUsersEndpoint,
  listUserUserGroupsEndpoint,
  addMutedUsersEndpoint,
  removeMutedUsersEndpoint,
  listMutedUsersEndpoint,
  setFrozenEndpoint,
  getFrozenEndpoint,
  addAllowedSendersEndpoint,
  removeAllowedSendersEndpoint,
  listAllowedSendersEndpoint,
  sendCommunityMessagesEndpoint,
  updateCommunityMessageEndpoint,
  setCommunityMessageMetadataEndpoint,
  deleteCommunityMessageMetadataEndpoint,
  listCommunityMessageMetadataEndpoint,
  listCommunityHistoryEndpoint,
];
