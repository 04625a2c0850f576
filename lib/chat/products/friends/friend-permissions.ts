import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserIds } from "../../base/users/user-id";
import { FriendPermission, maxFriendTargets } from "./friend-rules";

const permissionTypes: number[] = Object.values(FriendPermission);

/** Sets who may befriend the users: 1 everyone at once, 2 with approval, 3 nobody. */
export async function setFriendPermission(input: { appId: string; userIds: string[]; permissionType: number }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxFriendTargets });
  if (!permissionTypes.includes(input.permissionType)) {
    throw new ChatError("invalidParameter", "permissionType must be 1 (everyone), 2 (with approval) or 3 (nobody)");
  }
  await findUsersOrThrow({ appId: input.appId, userIds });
  await db.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { friendPermission: input.permissionType } });
}

export async function getFriendPermissions(input: { appId: string; userIds: string[] }) {
  const userIds = checkUserIds(input.userIds, { max: maxFriendTargets });
  const users = await findUsersOrThrow({ appId: input.appId, userIds });
  const permissionOf = new Map(users.map((user) => [user.id, user.friendPermission]));
  return { permissions: userIds.map((userId) => ({ userId, permissionType: permissionOf.get(userId)! })) };
}
