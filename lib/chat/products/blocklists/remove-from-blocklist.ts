import { db } from "../../../db/client";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { maxBlocklistChange } from "./add-to-blocklist";
import { blocklistCache } from "./blocklist-cache";

export async function removeFromBlocklist(input: { appId: string; userId: string; blockedUserIds: string[] }): Promise<void> {
  const userId = checkUserId(input.userId);
  const blockedUserIds = checkUserIds(input.blockedUserIds, { max: maxBlocklistChange, field: "blockedUserIds" });
  await getUserOrThrow({ appId: input.appId, userId });
  await db.blocklistEntry.deleteMany({ where: { appId: input.appId, userId, blockedUserId: { in: blockedUserIds } } });
  await blocklistCache.invalidate(input.appId, userId);
}
