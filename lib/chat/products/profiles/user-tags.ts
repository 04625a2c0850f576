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
