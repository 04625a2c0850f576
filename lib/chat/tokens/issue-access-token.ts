import { db } from "../../db/client";
import { ChatError } from "../errors";
import { checkUserId } from "../users/user-id";
import { userCache } from "../users/user-cache";
import { signAccessToken } from "./access-token";

export type AppIdentity = { id: string; key: string; tokenKey: string };

/**
 * Registers the user on first call, updates name and avatar on later ones, and
 * returns a new access token for the user's clients.
 */
export async function issueAccessToken(input: { app: AppIdentity; userId: string; name: string; avatarUrl?: string }) {
  const userId = checkUserId(input.userId);
  if (input.name.length < 1 || input.name.length > 64) throw new ChatError("invalidParameter", "name must be 1 to 64 characters");
  if (input.avatarUrl !== undefined && input.avatarUrl.length > 1024) {
    throw new ChatError("invalidParameter", "avatarUrl must be at most 1024 characters");
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
