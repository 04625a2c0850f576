import { getBus, topics } from "../../../bus";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { findUsersOrThrow } from "../../base/users/find-users";
import { userCache } from "../../base/users/user-cache";
import { checkUserIds } from "../../base/users/user-id";

/** Most users per ban or unban call. */
export const maxUsersPerBan = 20;
/** Longest ban: 30 days. */
export const maxBanMinutes = 43_200;

/** The end of a ban without end (the console's "forever"; the Platform API bans for at most 30 days). */
export const banForever = new Date("9999-12-31T23:59:59.000Z");

/**
 * Bans users for `durationMinutes`, or `forever`: their sessions on every node are closed
 * at once and connects are refused until the ban ends by itself or is lifted.
 */
export async function banUsers(input: { appId: string; userIds: string[]; durationMinutes: number } | { appId: string; userIds: string[]; forever: true }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerBan });
  const bannedUntil = "forever" in input ? banForever : new Date(Date.now() + checkBanMinutes(input.durationMinutes) * 60_000);
  await findUsersOrThrow({ appId: input.appId, userIds });
  await db.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { bannedUntil } });
  const bus = getBus();
  await Promise.all(
    userIds.map(async (userId) => {
      await userCache.invalidate(input.appId, userId);
      await bus.publish(topics.user(input.appId, userId), { type: "disconnect", reason: "banned" });
    }),
  );
}

function checkBanMinutes(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxBanMinutes) throw new ChatError("invalidParameter", `durationMinutes must be 1 to ${maxBanMinutes}`);
  return minutes;
}
