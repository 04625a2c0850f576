import { db } from "../../../db/client";
import type { IssuedToken } from "../../../contract";
import { ChatError } from "../../base/errors";
import { checkUserIds } from "../../base/users/user-id";
import { findUserStates } from "../../base/users/user-cache";
import { signAccessToken } from "./access-token";

/** Users one call gives tokens to: the console's chat playground opens a session for each, side by side. */
export const maxUsersPerTokenCall = 8;

/**
 * Access tokens for users the app has already, as the console's chat playground asks for
 * them on behalf of the signed-in operator: nobody is registered or renamed. A user id that
 * names no user of the app, or a soft-deleted one, refuses the whole call, and no token is issued.
 */
export async function issueTokensForUsers(input: { appId: string; userIds: string[] }): Promise<IssuedToken[]> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerTokenCall });
  const users = await findUserStates(input.appId, userIds);
  const unknown = userIds.filter((userId) => !users.has(userId));
  if (unknown.length > 0) throw new ChatError("notFound", `The app has no user ${unknown.join(", ")}`);
  const app = await db.app.findUniqueOrThrow({ where: { id: input.appId }, select: { key: true, tokenKey: true } });
  return userIds.map((userId) => {
    const user = users.get(userId)!;
    // Tokens issued within the millisecond of an invalidation would die with it.
    const issuedAt = Math.max(Date.now(), (user.tokensValidAfter ?? 0) + 1);
    return { userId, name: user.name, accessToken: signAccessToken({ appKey: app.key, userId, issuedAt }, app.tokenKey) };
  });
}
