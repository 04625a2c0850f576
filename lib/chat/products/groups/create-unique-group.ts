import { createHash } from "node:crypto";
import { ChatError } from "../../base/errors";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { createGroup } from "./create-group";
import { maxGroupUsersPerCall } from "./group-rules";

/**
 * Creates the group of exactly these users (`owner` and `userIds`) once: asking again for
 * the same set answers the group created then, whatever its members are now. Its id is
 * derived from the set, so two nodes asking at once make one group.
 */
export async function createUniqueGroup(input: { appId: string; name: string; owner: string; userIds: string[] }): Promise<{ channelId: string; created: boolean }> {
  const owner = checkUserId(input.owner, "owner");
  const members = [...new Set([owner, ...checkUserIds(input.userIds, { max: maxGroupUsersPerCall })])].sort();
  const channelId = `unique-${createHash("sha256").update(members.join("\n")).digest("base64url").slice(0, 32)}`;
  try {
    await createGroup({ appId: input.appId, channelId, name: input.name, owner, userIds: members });
    return { channelId, created: true };
  } catch (error) {
    if (error instanceof ChatError && error.kind === "conflict") return { channelId, created: false };
    throw error;
  }
}
