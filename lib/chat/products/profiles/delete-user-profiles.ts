import { db } from "../../../db/client";
import { checkUserIds } from "../../base/users/user-id";

/** Clears the hosted profiles of the given users; users without one are fine. */
export async function deleteUserProfiles(input: { appId: string; userIds: string[] }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: 100 });
  await db.userProfile.deleteMany({ where: { appId: input.appId, userId: { in: userIds } } });
}
