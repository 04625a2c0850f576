import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { blocklistCache } from "./blocklist-cache";

/** Most users added or removed per call. */
export const maxBlocklistChange = 20;
/** Most users one user can block. */
export const maxBlocklistSize = 3000;

/** Stops direct messages from `targetUserIds` to `userId`. Blocking someone again changes nothing. */
export async function addToBlocklist(input: { appId: string; userId: string; targetUserIds: string[] }): Promise<void> {
  const userId = checkUserId(input.userId);
  const targetUserIds = checkUserIds(input.targetUserIds, { max: maxBlocklistChange, field: "targetUserIds" });
  if (targetUserIds.includes(userId)) throw new ChatError("invalidParameter", "A user cannot block themselves");
  await getUserOrThrow({ appId: input.appId, userId });
  const where = { appId: input.appId, userId };
  const existing = await db.blocklistEntry.findMany({ where: { ...where, blockedUserId: { in: targetUserIds } }, select: { blockedUserId: true } });
  const known = new Set(existing.map((entry) => entry.blockedUserId));
  const added = targetUserIds.filter((target) => !known.has(target));
  if ((await db.blocklistEntry.count({ where })) + added.length > maxBlocklistSize) {
    throw new ChatError("unprocessable", `A blocklist holds at most ${maxBlocklistSize} users`);
  }
  for (const blockedUserId of added) {
    await db.blocklistEntry.upsert({
      where: { appId_userId_blockedUserId: { ...where, blockedUserId } },
      create: { ...where, blockedUserId },
      update: {},
    });
  }
  await blocklistCache.invalidate(input.appId, userId);
}
