import { ChatError } from "../errors";

/** User ids: 1 to 64 characters of letters, digits and _ - = + @ . (":" separates the ids of a direct channel). */
export const userIdPattern = /^[A-Za-z0-9_\-=+@.]{1,64}$/;

export function checkUserId(userId: string, field = "userId"): string {
  if (!userIdPattern.test(userId)) {
    throw new ChatError("invalidParameter", `${field} must be 1 to 64 characters of letters, digits and _ - = + @ .`);
  }
  return userId;
}
