import { randomUUID } from "node:crypto";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { maxUsersPerSoftDelete } from "./soft-delete-users";
import { userCache } from "../../base/users/user-cache";
import { checkUserIds } from "../../base/users/user-id";

/** Reactivates soft-deleted users; they start with no personal data and need a new token. */
export async function restoreUsers(input: { appId: string; userIds: string[] }): Promise<{ operationId: string }> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerSoftDelete });
  const deleted = await db.user.findMany({ where: { appId: input.appId, id: { in: userIds }, deletedAt: { not: null } }, select: { id: true } });
  const restorable = new Set(deleted.map((user) => user.id));
  const missing = userIds.find((userId) => !restorable.has(userId));
  if (missing !== undefined) throw new ChatError("notFound", `User ${missing} is not soft-deleted`);
  await db.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { deletedAt: null } });
  await Promise.all(userIds.map((userId) => userCache.invalidate(input.appId, userId)));
  return { operationId: randomUUID() };
}
