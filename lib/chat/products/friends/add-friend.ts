import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { emitChatEvent } from "../../base/events";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { friendCache } from "./friend-cache";
import { FriendAction, FriendPermission, maxFriends } from "./friend-rules";

/**
 * Makes `userId` and `targetId` friends. A direct add (action 2, the default) or a target
 * who accepts everyone befriends them at once; otherwise (action 1 to a target who
 * approves requests) it records a request, which the target approves by adding back.
 * A target who accepts no one refuses both.
 */
export async function addFriend(input: { appId: string; userId: string; targetId: string; action?: number; extra?: string }): Promise<void> {
  const userId = checkUserId(input.userId);
  const targetId = checkUserId(input.targetId, "targetId");
  const action = input.action ?? FriendAction.direct;
  if (action !== FriendAction.withApproval && action !== FriendAction.direct) throw new ChatError("invalidParameter", "action must be 1 (with approval) or 2 (directly)");
  if (userId === targetId) throw new ChatError("invalidParameter", "A user cannot befriend themselves");
  const users = await findUsersOrThrow({ appId: input.appId, userIds: [userId, targetId] });
  const target = users.find((user) => user.id === targetId)!;
  if (target.friendPermission === FriendPermission.nobody) throw new ChatError("forbidden", `${targetId} accepts no friend requests`);
  const appId = input.appId;
  const pendingFromTarget = await db.friendRequest.findUnique({ where: { appId_fromUserId_toUserId: { appId, fromUserId: targetId, toUserId: userId } } });
  const immediate = action === FriendAction.direct || target.friendPermission === FriendPermission.everyone || pendingFromTarget !== null;
  if (!immediate) {
    await db.friendRequest.upsert({
      where: { appId_fromUserId_toUserId: { appId, fromUserId: userId, toUserId: targetId } },
      create: { appId, fromUserId: userId, toUserId: targetId, extra: input.extra ?? "" },
      update: { extra: input.extra ?? "" },
    });
    await emitChatEvent(appId, { type: "friendship:changed", userId, operation: "requested", friendIds: [targetId] });
    return;
  }
  await befriend(appId, userId, targetId);
  await emitChatEvent(appId, { type: "friendship:changed", userId, operation: "added", friendIds: [targetId] });
}

async function befriend(appId: string, userId: string, targetId: string) {
  const existing = await db.friendship.findUnique({ where: { appId_userId_friendId: { appId, userId, friendId: targetId } } });
  if (!existing) {
    for (const owner of [userId, targetId]) {
      if ((await db.friendship.count({ where: { appId, userId: owner } })) >= maxFriends) {
        throw new ChatError("unprocessable", `${owner} has ${maxFriends} friends already, the most there can be`);
      }
    }
  }
  const addedAt = new Date();
  await db.$transaction([
    ...[
      [userId, targetId],
      [targetId, userId],
    ].map(([owner, friend]) =>
      db.friendship.upsert({
        where: { appId_userId_friendId: { appId, userId: owner!, friendId: friend! } },
        create: { appId, userId: owner!, friendId: friend!, addedAt },
        update: {},
      }),
    ),
    db.friendRequest.deleteMany({ where: { appId, OR: [{ fromUserId: userId, toUserId: targetId }, { fromUserId: targetId, toUserId: userId }] } }),
  ]);
  await friendCache.invalidate(appId, [userId, targetId]);
}
