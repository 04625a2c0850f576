import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkProfile } from "../users";
import { checkUserId } from "../../base/users/user-id";
import { developmentUserLimit, developmentUsersLeft } from "../../base/users/development-users";
import { userCache } from "../../base/users/user-cache";
import { signAccessToken } from "./access-token";

export type AppIdentity = { id: string; key: string; tokenKey: string; environment: string };

/**
 * Registers the user on first call, updates name and avatar on later ones, and
 * returns a new access token for the user's clients.
 */
export async function issueAccessToken(input: { app: AppIdentity; userId: string; name: string; avatarUrl?: string }) {
  const userId = checkUserId(input.userId);
  checkProfile(input);
  const known = await db.user.findFirst({ where: { appId: input.app.id, id: userId }, select: { deletedAt: true } });
  if (known?.deletedAt) throw new ChatError("forbidden", `User ${userId} was soft-deleted; restore it first`);
  if (!known && input.app.environment === "development" && (await developmentUsersLeft(input.app.id)) === 0) {
    throw new ChatError("userLimitReached", `A development app holds at most ${developmentUserLimit} users; use a production app for more`);
  }
  const profile = { name: input.name, ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}) };
  const user = await db.user.upsert({
    where: { appId_id: { appId: input.app.id, id: userId } },
    create: { appId: input.app.id, id: userId, ...profile },
    update: profile,
  });
  // Tokens issued within the millisecond of an invalidation would die with it.
  const issuedAt = Math.max(Date.now(), (user.tokensValidAfter?.getTime() ?? 0) + 1);
  await userCache.invalidate(input.app.id, userId);
  return { userId, accessToken: signAccessToken({ appKey: input.app.key, userId, issuedAt }, input.app.tokenKey) };
}
