import { ChatError } from "../errors";

/** User ids: 1 to 64 characters of letters, digits and _ - = + @ . (":" separates the ids of a direct channel). */
export const userIdPattern = /^[A-Za-z0-9_\-=+@.]{1,64}$/;

/** Checks a list of user ids of a batch operation and returns it without repeats. */
export function checkUserIds(userIds: string[], options: { max: number; field?: string }): string[] {
  const field = options.field ?? "userIds";
  if (userIds.length < 1 || userIds.length > options.max) {
    throw new ChatError("invalidParameter", `${field} must hold 1 to ${options.max} user ids`);
  }
  return [...new Set(userIds.map((userId) => checkUserId(userId, field)))];
}

export function checkUserId(userId: string, field = "userId"): string {
  if (!userIdPattern.test(userId)) {
    throw new ChatError("invalidParameter", `${field} must be 1 to 64 characters of letters, digits and _ - = + @ .`);
  }
  return userId;
}
