// Users: profile, bans, soft deletion and restore, search, connection status.
// The public face of this product: other folders import from here, never from its files.
export { banUsers, maxUsersPerBan } from "./ban-users";
export { findBannedUsers } from "./find-banned-users";
export { findSoftDeletedUsers } from "./find-soft-deleted-users";
export { getConnectionStatus } from "./get-connection-status";
export { getUser } from "./get-user";
export { kickUserSessions } from "./kick-user-sessions";
export { restoreUsers } from "./restore-users";
export { searchUsers } from "./search-users";
export { softDeleteUsers } from "./soft-delete-users";
export { unbanUsers } from "./unban-users";
export { checkProfile, updateUser } from "./update-user";
export { getUserOverview } from "./user-overview";
export { deleteUsersForGood } from "./delete-users-for-good";
export type { DeletedForGood } from "./delete-users-for-good";
export { developmentUserLimit, developmentUsersLeft } from "../../base/users/development-users";
