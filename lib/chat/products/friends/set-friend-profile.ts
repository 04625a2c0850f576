import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";
import { checkFriendExtProfile } from "./friend-rules";

/** Sets the alias (cleared when absent) and ext attributes `userId` keeps for a friend. */
export async function setFriendProfile(input: {
  appId: string;
  userId: string;
  targetId: string;
  alias?: string;
  friendExtProfile?: Record<string, string>;
}): Promise<void> {
  const userId = checkUserId(input.userId);
  const targetId = checkUserId(input.targetId, "targetId");
  if (input.alias !== undefined && input.alias.length > 64) throw new ChatError("invalidParameter", "alias must be at most 64 characters");
  if (input.friendExtProfile) checkFriendExtProfile(input.friendExtProfile);
  const { count } = await db.friendship.updateMany({
    where: { appId: input.appId, userId, friendId: targetId },
    data: { alias: input.alias ?? null, ...(input.friendExtProfile ? { extProfile: JSON.stringify(input.friendExtProfile) } : {}) },
  });
  if (count === 0) throw new ChatError("notFound", `${targetId} is not a friend of ${userId}`);
}
