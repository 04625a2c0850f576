import { db } from "../../db/client";
import { ChatError } from "../errors";
import { decodePageToken, encodePageToken } from "../page-token";
import { getUserOrThrow } from "../users/find-users";
import { checkUserId } from "../users/user-id";

/** A page of a user's friends by the time they became friends (order 0 oldest first, 1 newest first). */
export async function findFriends(input: { appId: string; userId: string; pageToken?: string; pageSize?: number; order?: number }) {
  const userId = checkUserId(input.userId);
  const pageSize = input.pageSize ?? 50;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ChatError("invalidParameter", "pageSize must be 1 to 100");
  if (input.order !== undefined && input.order !== 0 && input.order !== 1) throw new ChatError("invalidParameter", "order must be 0 (oldest first) or 1 (newest first)");
  const after = decodePageToken(input.pageToken);
  await getUserOrThrow({ appId: input.appId, userId });
  const direction = input.order === 1 ? "desc" : "asc";
  const beyond = direction === "asc" ? "gt" : "lt";
  const where = { appId: input.appId, userId };
  const [rows, totalCount] = await Promise.all([
    db.friendship.findMany({
      where: {
        ...where,
        ...(after && { OR: [{ addedAt: { [beyond]: new Date(after[0]) } }, { addedAt: new Date(after[0]), friendId: { [beyond]: after[1] } }] }),
      },
      orderBy: [{ addedAt: direction }, { friendId: direction }],
      take: pageSize + 1,
    }),
    db.friendship.count({ where }),
  ]);
  const page = rows.slice(0, pageSize);
  const names = await db.user.findMany({ where: { appId: input.appId, id: { in: page.map((row) => row.friendId) } }, select: { id: true, name: true } });
  const nameOf = new Map(names.map((user) => [user.id, user.name]));
  const last = page.at(-1);
  return {
    pageToken: rows.length > pageSize && last ? encodePageToken([last.addedAt.getTime(), last.friendId]) : "",
    totalCount,
    friends: page.map((row) => ({
      userId: row.friendId,
      name: nameOf.get(row.friendId) ?? "",
      alias: row.alias ?? "",
      friendExtProfile: JSON.parse(row.extProfile) as Record<string, string>,
      addedAt: row.addedAt.getTime(),
    })),
  };
}
