import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { findUserStates } from "./user-cache";

/** The given users of an app, refusing the whole call when one does not exist (or was soft-deleted). */
export async function findUsersOrThrow(input: { appId: string; userIds: string[] }) {
  const users = await db.user.findMany({ where: { appId: input.appId, id: { in: input.userIds }, deletedAt: null } });
  const found = new Set(users.map((user) => user.id));
  refuseMissingUser(input.userIds, (userId) => found.has(userId));
  return users;
}

export async function getUserOrThrow(input: { appId: string; userId: string }) {
  const [user] = await findUsersOrThrow({ appId: input.appId, userIds: [input.userId] });
  return user!;
}

/** Refuses the call as findUsersOrThrow does, reading only users not in the user cache (hot paths). */
export async function requireUsers(input: { appId: string; userIds: string[] }): Promise<void> {
  const states = await findUserStates(input.appId, input.userIds);
  refuseMissingUser(input.userIds, (userId) => states.has(userId));
}

function refuseMissingUser(userIds: string[], exists: (userId: string) => boolean) {
  const missing = userIds.find((userId) => !exists(userId));
  if (missing !== undefined) throw new ChatError("notFound", `User ${missing} does not exist`);
}
