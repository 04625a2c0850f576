import type { BlocklistStatus } from "../../../contract";
import { db } from "../../../db/client";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";

/** Whether `userId` has `targetUserId` on their blocklist, so refuses their direct messages. */
export async function getBlocklistStatus(input: { appId: string; userId: string; targetUserId: string }): Promise<BlocklistStatus> {
  const userId = checkUserId(input.userId);
  const blockedUserId = checkUserId(input.targetUserId, "targetUserId");
  await getUserOrThrow({ appId: input.appId, userId });
  const entry = await db.blocklistEntry.findUnique({ where: { appId_userId_blockedUserId: { appId: input.appId, userId, blockedUserId } }, select: { userId: true } });
  return { blocked: entry !== null };
}
