import type { UserPage, UserSummary } from "../../../contract";
import { db } from "../../../db/client";

const pageSize = 25;

/**
 * Users whose id starts with `query` or whose name contains it (all users without a
 * query), by id, a page at a time after the cursor (the last id of the page before).
 */
export async function searchUsers(input: { appId: string; query?: string; after?: string }): Promise<UserPage> {
  const query = input.query?.trim();
  const users = await db.user.findMany({
    where: {
      appId: input.appId,
      ...(query && { OR: [{ id: { startsWith: query } }, { name: { contains: query } }] }),
      ...(input.after && { id: { gt: input.after } }),
    },
    orderBy: { id: "asc" },
    take: pageSize + 1,
    select: { id: true, name: true, avatarUrl: true, createdAt: true, bannedUntil: true, deletedAt: true },
  });
  const page = users.slice(0, pageSize);
  return { users: page.map(toUserRow), nextCursor: users.length > pageSize ? page.at(-1)!.id : null };
}

function toUserRow(user: { id: string; name: string; avatarUrl: string; createdAt: Date; bannedUntil: Date | null; deletedAt: Date | null }): UserSummary {
  return {
    userId: user.id,
    name: user.name,
    avatarUrl: user.avatarUrl,
    createdAt: user.createdAt.toISOString(),
    bannedUntil: user.bannedUntil && user.bannedUntil > new Date() ? user.bannedUntil.toISOString() : null,
    deleted: user.deletedAt !== null,
  };
}
