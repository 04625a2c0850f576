import { db } from "../../../db/client";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { checkGroupId, favoriteKindPrefix, maxGroupUsersPerCall } from "./group-rules";
import { checkGroupMembers, getGroupOrThrow } from "./group-view";

/**
 * A member's favorites are the members they follow in the group: one rule of theirs per
 * followed member, of kind `favorite:<memberId>`.
 */
type FavoritesInput = { appId: string; channelId: string; userId: string };

async function findGroupOfMember(input: FavoritesInput, favoriteIds: string[] = []) {
  const channelId = checkGroupId(input.channelId);
  const userId = checkUserId(input.userId);
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  await checkGroupMembers(db, { appId: input.appId, groupPk: group.id, channelId, userIds: [userId, ...favoriteIds] });
  return { groupPk: group.id, channelId, userId };
}

const checkFavoriteIds = (favoriteIds: string[]) => checkUserIds(favoriteIds, { max: maxGroupUsersPerCall, field: "favoriteIds" });

/** Follows members of the group; following one again changes nothing. */
export async function addGroupFavorites(input: FavoritesInput & { favoriteIds: string[] }): Promise<void> {
  const favoriteIds = checkFavoriteIds(input.favoriteIds);
  const { groupPk, userId } = await findGroupOfMember(input, favoriteIds);
  const kinds = favoriteIds.map((favoriteId) => favoriteKindPrefix + favoriteId);
  const known = new Set((await db.channelUserRule.findMany({ where: { channelId: groupPk, userId, kind: { in: kinds } }, select: { kind: true } })).map((rule) => rule.kind));
  await db.channelUserRule.createMany({ data: kinds.filter((kind) => !known.has(kind)).map((kind) => ({ channelId: groupPk, userId, kind })) });
}

/** Stops following members; members not followed are ignored. */
export async function removeGroupFavorites(input: FavoritesInput & { favoriteIds: string[] }): Promise<void> {
  const favoriteIds = checkFavoriteIds(input.favoriteIds);
  const { groupPk, userId } = await findGroupOfMember(input);
  await db.channelUserRule.deleteMany({ where: { channelId: groupPk, userId, kind: { in: favoriteIds.map((favoriteId) => favoriteKindPrefix + favoriteId) } } });
}

/** The members a member follows, the earliest followed first. */
export async function findGroupFavorites(input: FavoritesInput) {
  const { groupPk, channelId, userId } = await findGroupOfMember(input);
  const rules = await db.channelUserRule.findMany({ where: { channelId: groupPk, userId, kind: { startsWith: favoriteKindPrefix } }, orderBy: [{ createdAt: "asc" }, { kind: "asc" }] });
  return { userId, channelId, favorites: rules.map((rule) => ({ userId: rule.kind.slice(favoriteKindPrefix.length), favoritedAt: rule.createdAt.getTime() })) };
}
