import { checkUserId } from "../../base/users/user-id";
import { getUserOrThrow } from "../../base/users/find-users";

/** A user's registration data as app servers see it. */
export async function getUser(input: { appId: string; userId: string }) {
  const user = await getUserOrThrow({ appId: input.appId, userId: checkUserId(input.userId) });
  return { name: user.name, avatarUrl: user.avatarUrl, createdAt: user.createdAt.toISOString() };
}
