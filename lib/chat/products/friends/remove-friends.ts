import { db } from "../../../db/client";
import { emitChatEvent } from "../../base/events";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { friendCache } from "./friend-cache";
import { maxFriendTargets } from "./friend-rules";

/** Ends friendships (both directions); `targetIds` undefined ends all of the user's friendships. */
export async function removeFriends(input: { appId: string; userId: string; targetIds?: string[] }): Promise<void> {
  const userId = checkUserId(input.userId);
  const targetIds = input.targetIds && checkUserIds(input.targetIds, { max: maxFriendTargets, field: "targetIds" });
  await getUserOrThrow({ appId: input.appId, userId });
  const appId = input.appId;
  const friendIds =
    targetIds ?? (await db.friendship.findMany({ where: { appId, userId }, select: { friendId: true } })).map((row) => row.friendId);
  await db.friendship.deleteMany({
    where: { appId, OR: [{ userId, friendId: { in: friendIds } }, { userId: { in: friendIds }, friendId: userId }] },
  });
  await friendCache.invalidate(appId, [userId, ...friendIds]);
  if (friendIds.length > 0) await emitChatEvent(appId, { type: "friendship:changed", userId, operation: "removed", friendIds });
}
