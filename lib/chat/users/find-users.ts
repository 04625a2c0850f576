import { db } from "../../db/client";
import { ChatError } from "../errors";

/** The given users of an app, refusing the whole call when one does not exist (or was soft-deleted). */
export async function findUsersOrThrow(input: { appId: string; userIds: string[] }) {
  const users = await db.user.findMany({ where: { appId: input.appId, id: { in: input.userIds }, deletedAt: null } });
  const found = new Set(users.map((user) => user.id));
  const missing = input.userIds.find((userId) => !found.has(userId));
  if (missing !== undefined) throw new ChatError("notFound", `User ${missing} does not exist`);
  return users;
}

export async function getUserOrThrow(input: { appId: string; userId: string }) {
  const [user] = await findUsersOrThrow({ appId: input.appId, userIds: [input.userId] });
  return user!;
}
