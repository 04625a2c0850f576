import { db } from "../../../db/client";
import type { IssuedToken } from "../../../contract";
import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";
import { issueAccessToken } from "./issue-access-token";

/**
 * Registers a new user for trying the app out (the console's chat playground) and issues
 * its first token. A user id the app holds already (soft-deleted ones too) is refused rather
 * than renamed; a development app's user limit applies as to any registration.
 */
export async function registerTestUser(input: { appId: string; userId: string; name: string }): Promise<IssuedToken> {
  const userId = checkUserId(input.userId);
  const app = await db.app.findUniqueOrThrow({ where: { id: input.appId }, select: { id: true, key: true, tokenKey: true, environment: true } });
  if (await db.user.findFirst({ where: { appId: app.id, id: userId }, select: { id: true } })) {
    throw new ChatError("conflict", `User ${userId} exists already: pick it from the app's users`);
  }
  const issued = await issueAccessToken({ app, userId, name: input.name });
  return { userId: issued.userId, name: input.name, accessToken: issued.accessToken };
}
