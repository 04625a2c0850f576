import { getBus, topics } from "../../../bus";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkUserIds } from "../../base/users/user-id";
import { userCache } from "../../base/users/user-cache";

/** Most users per call. */
export const maxUsersPerExpiry = 20;

/**
 * Invalidates the tokens of the given users issued before `expiresAt` (Unix ms), and
 * disconnects their sessions that authenticated with such a token, on every node.
 */
export async function expireAccessTokens(input: { appId: string; userIds: string[]; expiresAt: number }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerExpiry });
  if (!Number.isSafeInteger(input.expiresAt) || input.expiresAt <= 0) throw new ChatError("invalidParameter", "expiresAt must be Unix time in milliseconds");
  await db.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { tokensValidAfter: new Date(input.expiresAt) } });
  const bus = getBus();
  await Promise.all(
    userIds.map(async (userId) => {
      await userCache.invalidate(input.appId, userId);
      await bus.publish(topics.user(input.appId, userId), {
        type: "disconnect",
        reason: "tokensExpired",
        tokensIssuedBefore: input.expiresAt,
      });
    }),
  );
}
