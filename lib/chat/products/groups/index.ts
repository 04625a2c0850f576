// Groups: members, owner and admins, profiles, attributes, aliases, favorites, freezes, mutes and allowed senders, and the notices that tell members what changed.
// The public face of this product: other folders import from here, never from its files.
export { addAllowedSenders, findAllowedSenders, removeAllowedSenders } from "./allowed-senders";
export { createGroup } from "./create-group";
export { createUniqueGroup } from "./create-unique-group";
export { dismissGroup } from "./dismiss-group";
export { findGroupMemberIds, findGroupMembers, findGroupMembersByIds } from "./find-group-members";
export { findGroupProfiles } from "./find-group-profiles";
export { findGroups } from "./find-groups";
export { findJoinedGroups } from "./find-joined-groups";
export { deleteGroupAlias, getGroupAlias, setGroupAlias } from "./group-aliases";
export { findGroupAttributes, removeGroupAttributes, setGroupAttributes } from "./group-attributes";
export { addGroupFavorites, findGroupFavorites, removeGroupFavorites } from "./group-favorites";
export { findGroupFreezes, setGroupsFrozen } from "./group-freezes";
export { findGroupMutes, muteGroupMembers, unmuteGroupMembers } from "./group-mutes";
export { GroupRole, maxLegacyGroupUsersPerCall } from "./group-rules";
export { joinGroup } from "./join-group";
export { kickUserFromGroups } from "./kick-user-from-groups";
export { leaveGroup } from "./leave-group";
export { routeGroupMessage } from "./route-group-message";
export { setGroupAdmins } from "./set-group-admins";
export { setGroupMember } from "./set-group-member";
export { transferGroupOwner } from "./transfer-group-owner";
export { updateGroupProfile } from "./update-group-profile";
