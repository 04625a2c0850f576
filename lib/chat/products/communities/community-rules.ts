import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";

/** Communities one user belongs to at most; a community itself has no member limit. */
export const maxJoinedCommunities = 100;
/** Subchannels one community holds at most (its default channel not counted). */
export const maxSubchannels = 50;
/** Users named in one call. */
export const maxCommunityUsersPerCall = 100;

/** The contract's `channelVisibility` of a subchannel. */
export const SubchannelVisibility = { public: 0, private: 1 } as const;

/** Community, subchannel and user group ids follow the rule of user ids (so they never hold "/"). */
export const checkCommunityId = (channelId: string) => checkUserId(channelId, "channelId");
export const checkSubchannelId = (subchannelId: string) => checkUserId(subchannelId, "subchannelId");
export const checkUserGroupId = (userGroupId: string, field = "userGroupId") => checkUserId(userGroupId, field);

export function checkCommunityName(name: string): string {
  if (name.length < 1 || name.length > 64) throw new ChatError("invalidParameter", "name must be 1 to 64 characters");
  return name;
}

/** Whether a subchannel is private; absent means public. */
export function checkVisibility(channelVisibility: number | undefined): boolean {
  if (channelVisibility === undefined || channelVisibility === SubchannelVisibility.public) return false;
  if (channelVisibility === SubchannelVisibility.private) return true;
  throw new ChatError("invalidParameter", "channelVisibility must be 0 (public) or 1 (private)");
}

/** Refuses the users of `joinedCounts` (communities each is in) who would pass the join limit. */
export function checkJoinLimit(joinedCounts: Map<string, number>) {
  for (const [userId, count] of joinedCounts) {
    if (count >= maxJoinedCommunities) throw new ChatError("unprocessable", `A user joins at most ${maxJoinedCommunities} communities; ${userId} is in ${count}`);
  }
}

export function checkSubchannelLimit(count: number) {
  if (count >= maxSubchannels) throw new ChatError("unprocessable", `A community holds at most ${maxSubchannels} subchannels`);
}
