import type { BlocklistPage } from "../../../contract";
import { db } from "../../../db/client";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { maxBlocklistSize } from "./add-to-blocklist";

/**
 * A page of the users `userId` blocked, in the order they were blocked (`order` 0) or
 * newest first (1). `pageToken` is empty on the last page.
 */
export async function findBlocklist(input: { appId: string; userId: string; pageToken?: string; pageSize?: number; order?: number }): Promise<BlocklistPage> {
  const userId = checkUserId(input.userId);
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 1000, maxPageSize: maxBlocklistSize });
  await getUserOrThrow({ appId: input.appId, userId });
  const entries = await db.blocklistEntry.findMany({
    where: {
      appId: input.appId,
      userId,
      ...(after && {
        OR: [{ createdAt: { [beyond]: new Date(after[0]) } }, { createdAt: new Date(after[0]), blockedUserId: { [beyond]: after[1] } }],
      }),
    },
    orderBy: [{ createdAt: direction }, { blockedUserId: direction }],
    take: pageSize + 1,
  });
  const { page, pageToken } = toTimePage(entries, pageSize, (entry) => [entry.createdAt.getTime(), entry.blockedUserId]);
  return { pageToken, blockedUserIds: page.map((entry) => entry.blockedUserId) };
}
