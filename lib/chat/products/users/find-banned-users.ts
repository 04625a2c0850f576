import type { BannedUser } from "../../../contract";
import { db } from "../../../db/client";
import { checkPage } from "../../base/pagination";

/** Users whose ban has not ended yet (whose id starts with `userIdPrefix`, when given), the soonest to end first. */
export async function findBannedUsers(input: { appId: string; page?: number; pageSize?: number; userIdPrefix?: string }): Promise<BannedUser[]> {
  const users = await db.user.findMany({
    where: { appId: input.appId, bannedUntil: { gt: new Date() }, ...(input.userIdPrefix && { id: { startsWith: input.userIdPrefix } }) },
    orderBy: [{ bannedUntil: "asc" }, { id: "asc" }],
    select: { id: true, bannedUntil: true },
    ...checkPage(input),
  });
  return users.map((user) => ({ userId: user.id, banExpiresAt: user.bannedUntil!.toISOString() }));
}
