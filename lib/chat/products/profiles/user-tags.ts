import { db } from "../../../db/client";
import { retryOnConflict } from "../../../db/retry";
import { ChatError } from "../../base/errors";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserIds } from "../../base/users/user-id";

const maxTagsPerUser = 20;
const tagPattern = /^[^\s,]{1,40}$/;

/** Gives every one of the users exactly these tags (an empty list clears them). */
export async function setUserTags(input: { appId: string; userIds: string[]; tags: string[] }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: 1000 });
  const tags = [...new Set(input.tags)];
  if (tags.length > maxTagsPerUser) throw new ChatError("invalidParameter", `tags holds at most ${maxTagsPerUser} tags`);
  const badTag = tags.find((tag) => !tagPattern.test(tag));
  if (badTag !== undefined) throw new ChatError("invalidParameter", `tag "${badTag}" must be 1 to 40 characters without spaces or commas`);
  await findUsersOrThrow({ appId: input.appId, userIds });
  await retryOnConflict(() =>
    db.$transaction(async (tx) => {
      // Touching the users' rows locks them: concurrent tag sets of the same users take turns
      // instead of inserting the same tags twice.
      await tx.user.updateMany({ where: { appId: input.appId, id: { in: userIds } }, data: { updatedAt: new Date() } });
      await tx.userTag.deleteMany({ where: { appId: input.appId, userId: { in: userIds } } });
      await tx.userTag.createMany({ data: userIds.flatMap((userId) => tags.map((tag) => ({ appId: input.appId, userId, tag }))) });
    }),
  );
}

export async function getUserTags(input: { appId: string; userIds: string[] }) {
  const userIds = checkUserIds(input.userIds, { max: 1000 });
  await findUsersOrThrow({ appId: input.appId, userIds });
  const rows = await db.userTag.findMany({ where: { appId: input.appId, userId: { in: userIds } }, orderBy: { tag: "asc" } });
  const tagsOf = new Map(userIds.map((userId) => [userId, [] as string[]]));
  for (const row of rows) tagsOf.get(row.userId)!.push(row.tag);
  return { users: userIds.map((userId) => ({ userId, tags: tagsOf.get(userId)! })) };
}

/** Who an audience by tags takes: every tag of `all` (when any) and one of `any` (when any). */
export type TagAudience = { all: string[]; any: string[] };

/** Of these users, those the tag audience takes. */
export async function keepTaggedUsers(appId: string, userIds: string[], audience: TagAudience): Promise<string[]> {
  const rows = await db.userTag.findMany({ where: { appId, userId: { in: userIds }, tag: { in: [...audience.all, ...audience.any] } }, select: { userId: true, tag: true } });
  const tagsOf = new Map<string, Set<string>>();
  for (const row of rows) tagsOf.set(row.userId, (tagsOf.get(row.userId) ?? new Set()).add(row.tag));
  return userIds.filter((userId) => {
    const tags = tagsOf.get(userId) ?? new Set<string>();
    return audience.all.every((tag) => tags.has(tag)) && (audience.any.length === 0 || audience.any.some((tag) => tags.has(tag)));
  });
}

/** Users carrying any of `tags`, a page at a time by user id. */
export async function* usersWithAnyTag(appId: string, tags: string[], pageSize: number): AsyncGenerator<string[]> {
  for (let after = ""; ; ) {
    const rows = await db.userTag.findMany({ where: { appId, tag: { in: tags }, userId: { gt: after } }, distinct: ["userId"], orderBy: { userId: "asc" }, take: pageSize, select: { userId: true } });
    if (rows.length === 0) return;
    after = rows.at(-1)!.userId;
    yield rows.map((row) => row.userId);
  }
}
