// Friends: requests, friendships, friend profiles and who may add whom.
// The public face of this product: other folders import from here, never from its files.
export { addFriend } from "./add-friend";
export { findFriends } from "./find-friends";
export { friendCache } from "./friend-cache";
export { getFriendPermissions, setFriendPermission } from "./friend-permissions";
export { getFriendRelationships } from "./get-friend-relationships";
export { removeFriends } from "./remove-friends";
export { setFriendProfile } from "./set-friend-profile";
