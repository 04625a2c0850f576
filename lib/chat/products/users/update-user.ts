import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { getUserOrThrow } from "../../base/users/find-users";
import { userCache } from "../../base/users/user-cache";
import { checkUserId } from "../../base/users/user-id";

/** Profile limits, shared by registration and updates. */
export function checkProfile(input: { name?: string; avatarUrl?: string }) {
  if (input.name !== undefined && (input.name.length < 1 || input.name.length > 64)) {
    throw new ChatError("invalidParameter", "name must be 1 to 64 characters");
  }
  if (input.avatarUrl !== undefined && input.avatarUrl.length > 1024) {
    throw new ChatError("invalidParameter", "avatarUrl must be at most 1024 characters");
  }
}

/** Changes a registered user's name and/or avatar. */
export async function updateUser(input: { appId: string; userId: string; name?: string; avatarUrl?: string }): Promise<void> {
  const userId = checkUserId(input.userId);
  checkProfile(input);
  await getUserOrThrow({ appId: input.appId, userId });
  await db.user.update({
    where: { appId_id: { appId: input.appId, id: userId } },
    data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}) },
  });
  await userCache.invalidate(input.appId, userId);
}
