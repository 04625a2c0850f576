import { db } from "../../../db/client";

/** Registered users a development app may hold, soft-deleted ones included; production apps have no limit. */
export const developmentUserLimit = 100;

/** How many more users a development app may register: its limit minus every user row it holds. */
export async function developmentUsersLeft(appId: string): Promise<number> {
  return Math.max(0, developmentUserLimit - (await db.user.count({ where: { appId } })));
}
