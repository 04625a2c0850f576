import type { Endpoint } from "../endpoint";
import * as compatibility from "./compatibility";
import { expireAccessTokensEndpoint, issueAccessTokenEndpoint } from "./access-tokens";
import { addToBlocklistEndpoint, getBlocklistEndpoint, removeFromBlocklistEndpoint } from "./blocklists";
import {
  addFriendEndpoint,
  getFriendPermissionsEndpoint,
  getFriendRelationshipsEndpoint,
  listFriendsEndpoint,
  removeAllFriendsEndpoint,
  removeFriendsEndpoint,
  setFriendPermissionEndpoint,
  setFriendProfileEndpoint,
} from "./friends";
import {
  createGroupEndpoint,
  dismissGroupEndpoint,
  joinGroupEndpoint,
  leaveGroupEndpoint,
  listGroupMembersEndpoint,
  listGroupProfilesEndpoint,
  listJoinedGroupsEndpoint,
} from "./groups";
import {
  deleteUserProfilesEndpoint,
  getUserProfilesEndpoint,
  getUserTagsEndpoint,
  listUserProfilesEndpoint,
  setUserProfileEndpoint,
  setUserTagsEndpoint,
} from "./profiles";
import {
  addProfanityWordsEndpoint,
  listChannelTypeMutesEndpoint,
  listProfanityWordsEndpoint,
  removeProfanityWordEndpoint,
  removeProfanityWordsEndpoint,
  setChannelTypeMuteEndpoint,
} from "./moderation";
import { listDirectHistoryEndpoint } from "./messages";
import {
  banUsersEndpoint,
  getConnectionStatusEndpoint,
  getUserEndpoint,
  listBannedUsersEndpoint,
  listSoftDeletedUsersEndpoint,
  restoreUsersEndpoint,
  softDeleteUsersEndpoint,
  unbanUsersEndpoint,
  updateUserEndpoint,
} from "./users";

/** Every endpoint Switchboard serves; the OpenAPI document is generated from this list. */
export const endpoints: Endpoint[] = [
  ...Object.values(compatibility),
  issueAccessTokenEndpoint,
  expireAccessTokensEndpoint,
  getUserEndpoint,
  updateUserEndpoint,
  banUsersEndpoint,
  unbanUsersEndpoint,
  listBannedUsersEndpoint,
  getConnectionStatusEndpoint,
  softDeleteUsersEndpoint,
  restoreUsersEndpoint,
  listSoftDeletedUsersEndpoint,
  addToBlocklistEndpoint,
  removeFromBlocklistEndpoint,
  getBlocklistEndpoint,
  addFriendEndpoint,
  removeFriendsEndpoint,
  removeAllFriendsEndpoint,
  setFriendProfileEndpoint,
  listFriendsEndpoint,
  getFriendRelationshipsEndpoint,
  setFriendPermissionEndpoint,
  getFriendPermissionsEndpoint,
  setUserProfileEndpoint,
  getUserProfilesEndpoint,
  listUserProfilesEndpoint,
  deleteUserProfilesEndpoint,
  setUserTagsEndpoint,
  getUserTagsEndpoint,
  setChannelTypeMuteEndpoint,
  listChannelTypeMutesEndpoint,
  addProfanityWordsEndpoint,
  removeProfanityWordEndpoint,
  removeProfanityWordsEndpoint,
  listProfanityWordsEndpoint,
  listDirectHistoryEndpoint,
  createGroupEndpoint,
  joinGroupEndpoint,
  leaveGroupEndpoint,
  dismissGroupEndpoint,
  listGroupMembersEndpoint,
  listJoinedGroupsEndpoint,
  listGroupProfilesEndpoint,
];
