import { db } from "../../../db/client";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";

/** A page of a user's friends by the time they became friends (order 0 oldest first, 1 newest first). */
export async function findFriends(input: { appId: string; userId: string; pageToken?: string; pageSize?: number; order?: number }) {
  const userId = checkUserId(input.userId);
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 50, maxPageSize: 100 });
  await getUserOrThrow({ appId: input.appId, userId });
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
  const { page, pageToken } = toTimePage(rows, pageSize, (row) => [row.addedAt.getTime(), row.friendId]);
  const names = await db.user.findMany({ where: { appId: input.appId, id: { in: page.map((row) => row.friendId) } }, select: { id: true, name: true } });
  const nameOf = new Map(names.map((user) => [user.id, user.name]));
  return {
    pageToken,
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
