// User profiles and user tags, as the app server sets them.
// The public face of this product: other folders import from here, never from its files.
export { deleteUserProfiles } from "./delete-user-profiles";
export { getUserProfiles, listUserProfiles } from "./find-user-profiles";
export { checkExtAttributes, maxProfileBytes } from "./profile-rules";
export { setUserProfile } from "./set-user-profile";
export { getUserTags, keepTaggedUsers, setUserTags, type TagAudience, usersWithAnyTag } from "./user-tags";
