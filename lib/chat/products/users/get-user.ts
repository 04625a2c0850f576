import { getUserStateOrThrow } from "../../base/users/user-cache";
import { checkUserId } from "../../base/users/user-id";

/**
 * A user's registration data as app servers see it; read through the user cache, which
 * every change to a user's name or avatar invalidates on every node.
 */
export async function getUser(input: { appId: string; userId: string }) {
  const user = await getUserStateOrThrow(input.appId, checkUserId(input.userId));
  return { name: user.name, avatarUrl: user.avatarUrl, createdAt: new Date(user.createdAt).toISOString() };
}
