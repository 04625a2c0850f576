// Communities: a member list shared by a default channel and its subchannels (public or private), user groups, read state and mentions.
// The public face of this product: other folders import from here, never from its files.
export { createCommunity, dismissCommunity, findUserSubchannels, isCommunityMember, joinCommunity, leaveCommunity, updateCommunity } from "./community-membership";
export { findCommunityUnread, markCommunityRead, prepareCommunityMentions } from "./community-read-state";
export { addCommunityRule, CommunityRuleKind, findCommunityRuleUsers, getCommunityFrozen, removeCommunityRule, setCommunityFrozen } from "./community-user-rules";
export { routeCommunityMessage } from "./route-community-message";
export { communityTopicKey, communityVisibleSince, findCommunityChannel, findCommunityChannelKeys, findReaders } from "./subchannel-access";
export { addPrivateMembers, createSubchannel, deleteSubchannel, findPrivateMembers, findSubchannels, removePrivateMembers, setSubchannelVisibility } from "./subchannels";
export { addUserGroups, addUserGroupUsers, bindUserGroups, findBoundUserGroups, findUserGroups, findUserGroupSubchannels, findUserUserGroups, removeUserGroups, removeUserGroupUsers, unbindUserGroups } from "./user-groups";
