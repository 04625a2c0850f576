import { db } from "../../../db/client";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { maxFriendTargets } from "./friend-rules";

/** The contract's relationship codes: 1 not friends, 4 friends (2 and 3 are reserved). */
const Relationship = { none: 1, mutual: 4 } as const;

export async function getFriendRelationships(input: { appId: string; userId: string; targetIds: string[] }) {
  const userId = checkUserId(input.userId);
  const targetIds = checkUserIds(input.targetIds, { max: maxFriendTargets, field: "targetIds" });
  await getUserOrThrow({ appId: input.appId, userId });
  const rows = await db.friendship.findMany({ where: { appId: input.appId, userId, friendId: { in: targetIds } }, select: { friendId: true } });
  const friends = new Set(rows.map((row) => row.friendId));
  return { friendships: targetIds.map((targetId) => ({ userId: targetId, result: friends.has(targetId) ? Relationship.mutual : Relationship.none })) };
}
