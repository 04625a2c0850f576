import { db } from "../../../db/client";
import { checkPage } from "../../base/pagination";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserIds } from "../../base/users/user-id";

type ProfileRow = { userId: string; profile: string; extProfile: string; version: number };

const toProfileView = (row: ProfileRow) => ({
  userId: row.userId,
  version: row.version,
  userProfile: JSON.parse(row.profile) as Record<string, unknown>,
  userExtProfile: JSON.parse(row.extProfile) as Record<string, string>,
});

/** The hosted profiles of the given users; users without one are left out. */
export async function getUserProfiles(input: { appId: string; userIds: string[] }) {
  const userIds = checkUserIds(input.userIds, { max: 100 });
  await findUsersOrThrow({ appId: input.appId, userIds });
  const rows = await db.userProfile.findMany({ where: { appId: input.appId, userId: { in: userIds } } });
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  return { users: userIds.flatMap((userId) => (byUser.has(userId) ? [toProfileView(byUser.get(userId)!)] : [])) };
}

/** A page of hosted profiles by last change (order 0 oldest first, 1 newest first). */
export async function listUserProfiles(input: { appId: string; page?: number; pageSize?: number; order?: number }) {
  const direction = input.order === 1 ? "desc" : "asc";
  const rows = await db.userProfile.findMany({
    where: { appId: input.appId },
    orderBy: [{ updatedAt: direction }, { userId: direction }],
    ...checkPage({ page: input.page, pageSize: input.pageSize ?? 20 }),
  });
  return { users: rows.map(toProfileView) };
}
