import { db } from "../../../db/client";
import { maxUsersPerBan } from "./ban-users";
import { findUsersOrThrow } from "../../base/users/find-users";
import { userCache } from "../../base/users/user-cache";
import { checkUserIds } from "../../base/users/user-id";

/** Lifts the bans of users; unbanning a user who is not banned changes nothing. */
export async function unbanUsers(input: { appId: string; userIds: string[] }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerBan });
  await findUsersOrThrow({ appId: input.appId, userIds });
  await db.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { bannedUntil: null } });
  await Promise.all(userIds.map((userId) => userCache.invalidate(input.appId, userId)));
}
