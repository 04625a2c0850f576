import { appCache } from "../../base/apps/app-cache";
import { ChatError } from "../../base/errors";
import { userCache } from "../../base/users/user-cache";
import { hasValidMac, readAccessToken } from "./access-token";

export type AuthenticatedUser = { appId: string; appKey: string; userId: string; issuedAt: number };

/**
 * Who an access token belongs to. Refuses malformed or forged tokens, tokens of unknown
 * apps or users, and tokens issued before the user's tokens were invalidated.
 * Reads only caches once warm.
 */
export async function authenticateAccessToken(token: string): Promise<AuthenticatedUser> {
  const claims = readAccessToken(token);
  if (!claims) throw new ChatError("tokenRejected", "The access token is malformed");
  const app = await appCache.get(claims.appKey);
  if (!app || !hasValidMac(token, app.tokenKey)) throw new ChatError("tokenRejected", "The access token is not valid");
  const user = await userCache.get(app.id, claims.userId);
  if (!user) throw new ChatError("tokenRejected", "The access token's user does not exist");
  if (user.tokensValidAfter !== null && claims.issuedAt < user.tokensValidAfter) {
    throw new ChatError("tokenExpired", "The access token was invalidated; get a new one from the app server");
  }
  if (user.bannedUntil !== null && user.bannedUntil > Date.now()) {
    throw new ChatError("userBanned", `User ${claims.userId} is banned until ${new Date(user.bannedUntil).toISOString()}`);
  }
  return { appId: app.id, appKey: app.key, userId: claims.userId, issuedAt: claims.issuedAt };
}
