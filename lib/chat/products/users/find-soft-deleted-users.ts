import { db } from "../../../db/client";
import { checkPage } from "../../base/pagination";

/** Ids of soft-deleted users, the earliest deleted first. */
export async function findSoftDeletedUsers(input: { appId: string; page?: number; pageSize?: number }): Promise<{ userIds: string[] }> {
  const users = await db.user.findMany({
    where: { appId: input.appId, deletedAt: { not: null } },
    orderBy: [{ deletedAt: "asc" }, { id: "asc" }],
    select: { id: true },
    ...checkPage(input),
  });
  return { userIds: users.map((user) => user.id) };
}
