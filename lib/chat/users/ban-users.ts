import { getBus, topics } from "../../bus";
import { db } from "../../db/client";
import { ChatError } from "../errors";
import { findUsersOrThrow } from "./find-users";
import { userCache } from "./user-cache";
import { checkUserIds } from "./user-id";

/** Most users per ban or unban call. */
export const maxUsersPerBan = 20;
/** Longest ban: 30 days. */
export const maxBanMinutes = 43_200;

/**
 * Bans users for `durationMinutes`: their sessions on every node are closed at once and
 * connects are refused until the ban ends by itself or is lifted.
 */
export async function banUsers(input: { appId: string; userIds: string[]; durationMinutes: number }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerBan });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > maxBanMinutes) {
    throw new ChatError("invalidParameter", `durationMinutes must be 1 to ${maxBanMinutes}`);
  }
  await findUsersOrThrow({ appId: input.appId, userIds });
  const bannedUntil = new Date(Date.now() + input.durationMinutes * 60_000);
  await db.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { bannedUntil } });
  const bus = getBus();
  await Promise.all(
    userIds.map(async (userId) => {
      await userCache.invalidate(input.appId, userId);
      await bus.publish(topics.user(input.appId, userId), { type: "disconnect", reason: "banned" });
    }),
  );
}
