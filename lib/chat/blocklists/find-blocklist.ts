import { db } from "../../db/client";
import { ChatError } from "../errors";
import { decodePageToken, encodePageToken } from "../page-token";
import { getUserOrThrow } from "../users/find-users";
import { checkUserId } from "../users/user-id";
import { maxBlocklistSize } from "./add-to-blocklist";

/**
 * A page of the users `userId` blocked, in the order they were blocked (`order` 0) or
 * newest first (1). `pageToken` is empty on the last page.
 */
export async function findBlocklist(input: { appId: string; userId: string; pageToken?: string; pageSize?: number; order?: number }) {
  const userId = checkUserId(input.userId);
  const pageSize = input.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxBlocklistSize) {
    throw new ChatError("invalidParameter", `pageSize must be 1 to ${maxBlocklistSize}`);
  }
  if (input.order !== undefined && input.order !== 0 && input.order !== 1) throw new ChatError("invalidParameter", "order must be 0 (oldest first) or 1 (newest first)");
  const after = decodePageToken(input.pageToken);
  await getUserOrThrow({ appId: input.appId, userId });
  const direction = input.order === 1 ? "desc" : "asc";
  const beyond = direction === "asc" ? "gt" : "lt";
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
  const page = entries.slice(0, pageSize);
  const last = page.at(-1);
  return {
    pageToken: entries.length > pageSize && last ? encodePageToken([last.createdAt.getTime(), last.blockedUserId]) : "",
    blockedUserIds: page.map((entry) => entry.blockedUserId),
  };
}
