import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { checkUserExtProfile, checkUserProfile } from "./profile-rules";

/** Replaces the given parts (userProfile and/or userExtProfile) of a user's hosted profile. */
export async function setUserProfile(input: {
  appId: string;
  userId: string;
  userProfile?: Record<string, unknown>;
  userExtProfile?: Record<string, string>;
}): Promise<void> {
  const userId = checkUserId(input.userId);
  if (!input.userProfile && !input.userExtProfile) throw new ChatError("invalidParameter", "userProfile or userExtProfile is required");
  if (input.userProfile) checkUserProfile(input.userProfile);
  if (input.userExtProfile) checkUserExtProfile(input.userExtProfile);
  await getUserOrThrow({ appId: input.appId, userId });
  const parts = {
    ...(input.userProfile ? { profile: JSON.stringify(input.userProfile) } : {}),
    ...(input.userExtProfile ? { extProfile: JSON.stringify(input.userExtProfile) } : {}),
  };
  await db.userProfile.upsert({
    where: { appId_userId: { appId: input.appId, userId } },
    create: { appId: input.appId, userId, ...parts },
    update: { ...parts, version: { increment: 1 } },
  });
}
